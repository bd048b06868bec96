namespace Ensemble.Grains.Training;

/// <summary>
/// The grain storage and reminder names training uses: coordinators keep their job table under
/// <see cref="Name"/> (memory storage embedded, Redis in a cluster), and a reminder wakes a coordinator whose silo
/// died so its run carries on elsewhere.
/// </summary>
public static class TrainingStorage
{
    public const string Name = "ensemble-training";
    public const string StateName = "run";
    public const string ReminderName = "ensemble-training-run";
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
}
