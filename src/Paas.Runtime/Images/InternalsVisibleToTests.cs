using System.Runtime.CompilerServices;

// The image and stack tests check the layer tar writer/unpacker and the apt mirror parser directly.
[assembly: InternalsVisibleTo("Paas.Runtime.Tests")]
