using Ensemble.Audio;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Clips;
using Ensemble.Grains.Tests.Fakes;

namespace Ensemble.Grains.Tests.Clips;

public sealed class UploadLimitTests
{
    [Fact]
    public void A_shared_path_clip_over_the_upload_limit_is_refused_before_it_is_read()
    {
        using var manifests = new TestManifests();
        var manifest = manifests.Write("a", models: 1);
        var path = Path.Combine(Path.GetDirectoryName(manifest.SourcePath)!, "huge.wav");
        using (var file = File.Create(path))
            file.SetLength(ClipTagRequest.MaxWavBytes + 1L); // sparse: nothing is written

        var error = Assert.Throws<AudioFormatException>(() => new AudioClipFeaturizer().Featurize(ClipTagRequest.FromSharedPath(path), manifest));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains($"more than the {ClipTagRequest.MaxWavBytes}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wav_bytes_over_the_upload_limit_fail_validation()
    {
        var request = ClipTagRequest.FromBytes("big.wav", new byte[ClipTagRequest.MaxWavBytes + 1]);
        Assert.Contains("big.wav", Assert.Throws<ArgumentException>(request.Validate).Message, StringComparison.Ordinal);
    }
}
