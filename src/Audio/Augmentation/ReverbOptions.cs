namespace Ensemble.Audio.Augmentation;

/// <summary>SoX's `reverb [-w] [reverberance [HF-damping [room-scale [stereo-depth [pre-delay [wet-gain]]]]]]`.</summary>
public sealed record ReverbOptions
{
    public const double DefaultReverberancePercent = 50;
    public const double DefaultHfDampingPercent = 50;
    public const double DefaultRoomScalePercent = 100;
    public const double DefaultStereoDepthPercent = 100;
    public const double DefaultPreDelayMs = 0;
    public const double DefaultWetGainDb = 0;

    public ReverbOptions(
        bool wetOnly = false,
        double reverberancePercent = DefaultReverberancePercent,
        double hfDampingPercent = DefaultHfDampingPercent,
        double roomScalePercent = DefaultRoomScalePercent,
        double stereoDepthPercent = DefaultStereoDepthPercent,
        double preDelayMs = DefaultPreDelayMs,
        double wetGainDb = DefaultWetGainDb)
    {
        Check(reverberancePercent, 0, 100, nameof(ReverberancePercent));
        Check(hfDampingPercent, 0, 100, nameof(HfDampingPercent));
        Check(roomScalePercent, 0, 100, nameof(RoomScalePercent));
        Check(stereoDepthPercent, 0, 100, nameof(StereoDepthPercent));
        Check(preDelayMs, 0, 500, nameof(PreDelayMs));
        Check(wetGainDb, -10, 10, nameof(WetGainDb));
        WetOnly = wetOnly;
        ReverberancePercent = reverberancePercent;
        HfDampingPercent = hfDampingPercent;
        RoomScalePercent = roomScalePercent;
        StereoDepthPercent = stereoDepthPercent;
        PreDelayMs = preDelayMs;
        WetGainDb = wetGainDb;
    }

    public bool WetOnly { get; }
    public double ReverberancePercent { get; }
    public double HfDampingPercent { get; }
    public double RoomScalePercent { get; }
    public double StereoDepthPercent { get; }
    public double PreDelayMs { get; }
    public double WetGainDb { get; }

    private static void Check(double value, double min, double max, string field)
    {
        if (!(value >= min && value <= max))
            throw new ArgumentException($"{field} must be in [{min}, {max}], got {value}", field);
    }
}
