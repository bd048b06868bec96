using Ensemble.Grains.Abstractions.Clips;

namespace Ensemble.Grains.Clips;

public static class TopLabels
{
    /// <summary>The <paramref name="k"/> best labels, highest score first; ties keep the manifest's label order.</summary>
    public static LabelScore[] Select(float[] scores, string[] labels, int k)
    {
        if (scores.Length != labels.Length)
            throw new ArgumentException($"{scores.Length} scores for {labels.Length} labels", nameof(scores));
        return Enumerable.Range(0, scores.Length)
            .OrderByDescending(i => scores[i]).ThenBy(i => i)
            .Take(k)
            .Select(i => new LabelScore(labels[i], scores[i]))
            .ToArray();
    }
}
