using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;
using Ensemble.Models.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace Ensemble.Cli;

/// <summary>`ensemble info`: what this installation runs on: versions, devices, providers, sample data.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Print versions, the TorchSharp device, ONNX Runtime providers and the sample data found.");
        command.SetAction(parse =>
        {
            Write(parse.InvocationConfiguration.Output);
            return 0;
        });
        return command;
    }

    public static void Write(TextWriter output)
    {
        output.WriteLine($"ensemble        {typeof(InfoCommand).Assembly.GetName().Version}");
        output.WriteLine($".NET            {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture}), {Environment.ProcessorCount} cores");
        output.WriteLine($"torch           {TorchDevice.Describe()}");
        output.WriteLine($"malloc tuning   {(NativeMemoryTuning.Applied ? "applied (mmap/trim thresholds raised)" : "not applied")}, OpenMP wait policy {OpenMpWaitPolicy.Current ?? "default"}");
        output.WriteLine($"onnxruntime     {VersionOf(typeof(InferenceSession))}, providers: {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}");
        output.WriteLine($"nwaves          {VersionOf(typeof(NWaves.Signals.DiscreteSignal))}");
        output.WriteLine($"orleans         {VersionOf(typeof(Orleans.IGrainFactory))}");
        SampleData.Describe(output, RepositoryLayout.SamplesDirectory());
    }

    private static string VersionOf(Type type) =>
        type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+', ' ')[0].TrimEnd('.')
        ?? type.Assembly.GetName().Version?.ToString() ?? "?";
}
