namespace Ensemble.FrontDoor.OpenInference;

/// <summary>A tensor of the model as its metadata describes it (both protocols answer with the same ones).</summary>
public sealed record TensorSpec(string Name, string Datatype, long[] Shape);
