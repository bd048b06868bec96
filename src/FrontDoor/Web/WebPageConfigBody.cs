namespace Ensemble.FrontDoor.Web;

/// <summary>/ui/config.json: where the metrics and the dashboard are (null when off), and the model the page calls.</summary>
internal sealed record WebPageConfigBody(string Model, string InferPath, string? Metrics, string? Dashboard);
