namespace Ensemble.FrontDoor.OpenInference;

/// <summary>One output the caller asked for, and whether it comes back as binary tensor data.</summary>
public sealed record RequestedOutput(string Name, bool Binary);
