using Paas.Core.Images;

namespace Paas.Runtime.Images.Layers;

/// <summary>Counts the uncompressed bytes of an image's layers against <see cref="ImageLimits"/>; shared by all layers of one import.</summary>
internal sealed class ExpansionBudget(ImageLimits limits)
{
    private long _imageBytes;

    /// <summary>Wraps one layer's uncompressed stream: reading past either cap throws, before the bytes are used.</summary>
    public Stream Layer(Stream uncompressed, string layerDigest) => new CountingStream(uncompressed, this, layerDigest);

    private void Add(long layerBytes, int read, string layerDigest)
    {
        _imageBytes += read;
        if (layerBytes > limits.MaxLayerBytes)
        {
            throw new InvalidImageException(
                $"layer {layerDigest} expands to more than {limits.MaxLayerBytes} bytes uncompressed, the per-layer limit (PAAS_IMAGE_MAX_LAYER_BYTES)");
        }

        if (_imageBytes > limits.MaxImageBytes)
        {
            throw new InvalidImageException(
                $"the image expands to more than {limits.MaxImageBytes} bytes uncompressed, the per-image limit (PAAS_IMAGE_MAX_BYTES)");
        }
    }

    private sealed class CountingStream(Stream inner, ExpansionBudget budget, string layerDigest) : Stream
    {
        private long _bytes;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _bytes; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _bytes += read;
            budget.Add(_bytes, read, layerDigest);
            return read;
        }
    }
}
