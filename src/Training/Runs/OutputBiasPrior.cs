using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Training.Runs;

/// <summary>
/// Sets the bias of a network's last linear layer to log(p / (1 − p)) per class, p being the class's share of positive
/// labels in the training items with add-one smoothing (a class absent from the items still gets a finite bias).
/// Untrained logits then start at the label prior, where BCE is already low, rather than at 0 (p = 0.5).
/// </summary>
public static class OutputBiasPrior
{
    public static void Apply(nn.Module<Tensor, Tensor> model, IReadOnlyList<TrainingItem> items)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(items);
        var output = model.modules().OfType<Linear>().LastOrDefault()
            ?? throw new ArgumentException($"{model.GetName()} has no linear output layer", nameof(model));
        var bias = output.bias ?? throw new ArgumentException($"{model.GetName()}'s output layer has no bias", nameof(model));
        var classes = (int)bias.shape[0];
        var logOdds = LogPriorOdds(items, classes);
        using var noGrad = no_grad();
        using var values = tensor(logOdds);
        bias.copy_(values);
    }

    public static float[] LogPriorOdds(IReadOnlyList<TrainingItem> items, int classes)
    {
        var positives = new double[classes];
        foreach (var item in items)
        {
            if (item.Targets.Length != classes)
                throw new ArgumentException($"{item.Name} has {item.Targets.Length} targets, the output layer {classes}", nameof(items));
            for (var c = 0; c < classes; c++)
                positives[c] += item.Targets[c];
        }
        return positives.Select(p =>
        {
            var prior = (p + 1) / (items.Count + 2);
            return (float)Math.Log(prior / (1 - prior));
        }).ToArray();
    }
}
