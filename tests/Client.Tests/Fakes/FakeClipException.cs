namespace Ensemble.Client.Tests.Fakes;

/// <summary>An Ensemble exception type (its namespace starts with "Ensemble.") thrown inside a grain.</summary>
public sealed class FakeClipException(string message) : Exception(message);
