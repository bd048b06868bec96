using System.Text.RegularExpressions;

namespace Ensemble.Training.Runs;

/// <summary>
/// What a training process runs on: the device (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>) for models, batches and
/// validation TTA, and libtorch's intra-op thread count when it overrides the recipe's (null: the recipe's
/// <c>torchThreads</c> and each model's own).
/// </summary>
public sealed partial record TrainingHostOptions
{
    public const string DefaultDevice = "cpu";

    public TrainingHostOptions(string device = DefaultDevice, int? threads = null)
    {
        var problems = new List<string>();
        if (device is null || !DeviceName().IsMatch(device))
            problems.Add($"device must be cpu, cuda or cuda:N, got '{device}'");
        if (threads < 1)
            problems.Add($"threads must be positive when given, got {threads}");
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems), problems.Count == 1 && threads >= 1 ? nameof(device) : null);
        Device = device!;
        Threads = threads;
    }

    public string Device { get; }
    public int? Threads { get; }

    [GeneratedRegex(@"^(cpu|cuda(:\d{1,3})?)$")]
    private static partial Regex DeviceName();
}
