using System.Globalization;
using Ensemble.Settings;

namespace Ensemble.Models.Onnx;

/// <summary>What an exported model says about itself (ModelProto.metadata_props), read back by the ONNX runner.</summary>
public sealed record OnnxModelMetadata(
    string Architecture, int MelBands, int Frames, int ClassCount, IReadOnlyList<string>? ClassNames,
    AudioOptions? Audio = null, string? TrainingRunId = null, int InputFormat = OnnxModelMetadata.CurrentInputFormat)
{
    /// <summary>
    /// What the graph's input is. 1 (no key: files of older builds): crops standardised by the caller. 2: log-mel dB
    /// crops, standardised by the graph's first nodes (self-contained file). Runners read only the current format.
    /// </summary>
    public const string InputFormatKey = "ensemble.input_format";

    public const int CurrentInputFormat = 2;

    /// <summary>The format of files that carry no <see cref="InputFormatKey"/>.</summary>
    public const int UnmarkedInputFormat = 1;

    public const string ArchitectureKey = "ensemble.architecture";
    public const string MelBandsKey = "ensemble.crop_mel_bands";
    public const string FramesKey = "ensemble.crop_frames";
    public const string ClassCountKey = "ensemble.class_count";
    public const string ClassNamesKey = "ensemble.class_names";

    /// <summary>The whole settings record as JSON (<see cref="AudioOptions.ToJson"/>).</summary>
    public const string AudioOptionsKey = "ensemble.audio_options";

    public const string TrainingRunIdKey = "ensemble.training_run_id";

    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ArchitectureKey] = Architecture,
            [MelBandsKey] = MelBands.ToString(CultureInfo.InvariantCulture),
            [FramesKey] = Frames.ToString(CultureInfo.InvariantCulture),
            [ClassCountKey] = ClassCount.ToString(CultureInfo.InvariantCulture),
            [InputFormatKey] = InputFormat.ToString(CultureInfo.InvariantCulture),
        };
        if (ClassNames is not null)
            entries[ClassNamesKey] = string.Join('\n', ClassNames);
        if (Audio is not null)
            entries[AudioOptionsKey] = Audio.ToJson();
        if (TrainingRunId is not null)
            entries[TrainingRunIdKey] = TrainingRunId;
        return entries;
    }

    /// <summary>Reads the entries back; <paramref name="source"/> names the file in errors.</summary>
    public static OnnxModelMetadata Parse(IReadOnlyDictionary<string, string> entries, string source)
    {
        string Required(string key) => entries.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException($"{source}: ONNX metadata '{key}' is missing (not exported by Ensemble?)");
        int Positive(string key) => int.TryParse(Required(key), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidDataException($"{source}: ONNX metadata '{key}' = '{entries[key]}' is not a positive integer");
        var architecture = Required(ArchitectureKey);
        var names = entries.TryGetValue(ClassNamesKey, out var joined) ? joined.Split('\n') : null;
        var classCount = Positive(ClassCountKey);
        if (names is not null && names.Length != classCount)
            throw new InvalidDataException($"{source}: ONNX metadata lists {names.Length} class names for {classCount} classes");
        AudioOptions? audio = null;
        if (entries.TryGetValue(AudioOptionsKey, out var json))
        {
            try
            {
                audio = AudioOptions.FromJson(json);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
            {
                throw new InvalidDataException($"{source}: ONNX metadata '{AudioOptionsKey}' is not a settings record: {e.Message}", e);
            }
        }
        var inputFormat = entries.ContainsKey(InputFormatKey) ? Positive(InputFormatKey) : UnmarkedInputFormat;
        return new OnnxModelMetadata(
            architecture, Positive(MelBandsKey), Positive(FramesKey), classCount, names, audio, entries.GetValueOrDefault(TrainingRunIdKey),
            inputFormat);
    }
}
