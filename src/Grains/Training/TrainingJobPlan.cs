using Ensemble.Grains.Abstractions.Training;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;

namespace Ensemble.Grains.Training;

/// <summary>
/// A recipe as a job table: prepare; per model its noisy pretraining (when it has noisy epochs) and one job per fold
/// after it; assemble after every stage. A pretraining the prepared run does not have (no noisy data) is skipped once
/// the prepare job reports the run's stages, and its folds start from scratch, as in a local run.
/// </summary>
public static class TrainingJobPlan
{
    public static IReadOnlyList<TrainingJobStatus> Create(Recipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        // DependsOn is always an array: a one-element collection expression would be the compiler's own list type,
        // which the JSON grain storage serializer (Redis) writes by name and cannot read back.
        var jobs = new List<TrainingJobStatus> { new(TrainingJobIds.Prepare, TrainingJobKind.Prepare, null, null, Array.Empty<string>(), TrainingJobState.Waiting, 0) };
        foreach (var model in recipe.Models)
        {
            var start = TrainingJobIds.Prepare;
            if (model.NoisyEpochs > 0)
            {
                start = TrainingJobIds.Of(StageKey.Pretraining(model.Name));
                jobs.Add(new(start, TrainingJobKind.Stage, model.Name, null, new[] { TrainingJobIds.Prepare }, TrainingJobState.Waiting, model.NoisyEpochs));
            }
            for (var fold = 0; fold < recipe.Folds; fold++)
                jobs.Add(new(TrainingJobIds.Of(StageKey.FineTuning(model.Name, fold)), TrainingJobKind.Stage, model.Name, fold, new[] { start },
                    TrainingJobState.Waiting, model.CuratedEpochs));
        }
        var stages = jobs.Where(j => j.Kind == TrainingJobKind.Stage).Select(j => j.Id).ToArray();
        jobs.Add(new(TrainingJobIds.Assemble, TrainingJobKind.Assemble, null, null, stages, TrainingJobState.Waiting, 0));
        return jobs;
    }

    /// <summary>The stage a stage job trains.</summary>
    public static StageKey StageOf(TrainingJobStatus job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Kind != TrainingJobKind.Stage || job.Model is null)
            throw new ArgumentException($"job '{job.Id}' is not a stage", nameof(job));
        return new StageKey(job.Model, job.Fold);
    }
}
