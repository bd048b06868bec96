using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Inference;

/// <summary>
/// The one input normalisation every network sees, in training and in every backend: each crop's log-mel (dB)
/// values are standardised on their own, (x − mean) / (std + <see cref="Epsilon"/>), over its mel bands × frames.
/// Per crop rather than fixed dB scaling because recording gain varies widely across Freesound clips; this is
/// close to the per-clip standardisation of the FAT2019 kernels the 7th place started from. A silent (constant)
/// crop becomes all zeros.
/// </summary>
public static class CropNormalization
{
    public const float Epsilon = 1e-6f;

    /// <summary>Normalises each crop of a row-major batch in place; <paramref name="cropLength"/> = mel bands × frames.</summary>
    public static void NormalizeInPlace(Span<float> crops, int cropLength)
    {
        if (cropLength < 1 || crops.Length % cropLength != 0)
            throw new ArgumentException($"crop data of {crops.Length} values is not a whole number of crops of {cropLength}", nameof(cropLength));
        for (var start = 0; start < crops.Length; start += cropLength)
        {
            var crop = crops.Slice(start, cropLength);
            double sum = 0;
            foreach (var v in crop)
                sum += v;
            var mean = sum / cropLength;
            double squares = 0;
            foreach (var v in crop)
                squares += (v - mean) * (v - mean);
            var scale = 1.0 / (Math.Sqrt(squares / cropLength) + Epsilon);
            for (var i = 0; i < crop.Length; i++)
                crop[i] = (float)((crop[i] - mean) * scale);
        }
    }

    /// <summary>The same on a [B, C, F, T] tensor (population std, like the span version), for training batches.</summary>
    public static Tensor Normalize(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.dim() != 4)
            throw new ArgumentException($"expected [B, C, F, T], got [{string.Join(", ", batch.shape)}]", nameof(batch));
        using var scope = NewDisposeScope();
        var mean = batch.mean([1, 2, 3], keepdim: true);
        var std = batch.std([1, 2, 3], unbiased: false, keepdim: true);
        return scope.MoveToOuter((batch - mean) / (std + Epsilon));
    }
}
