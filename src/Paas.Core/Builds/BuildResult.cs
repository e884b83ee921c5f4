using Paas.Core.Images;

namespace Paas.Core.Builds;

/// <summary>
/// The built image (stack layers + one slug layer, process types and commit in its labels) and
/// the process types of the release: the Procfile's, else the last buildpack's
/// <c>default_process_types</c>.
/// </summary>
public sealed record BuildResult(Image Image, IReadOnlyDictionary<string, string> ProcessTypes);
