namespace Ensemble.Audio.Crops;

/// <summary>One distinct TTA window: its start frame and how many of the clip's TTA draws landed on it.</summary>
public readonly record struct TtaWindow(int Start, int Count);
