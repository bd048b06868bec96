#:project ../src/Audio/Ensemble.Audio.csproj
// Helper of compare_sox.py: applies a SoX chain with Ensemble's SoxChain to raw mono float32 files
// (little-endian, 44.1 kHz), so the comparison does not depend on a WAV codec.
// usage: dotnet run scripts/sox_apply.cs -- "<effects>" IN.f32 OUT.f32 [IN.f32 OUT.f32 ...]
using System.Runtime.InteropServices;
using Ensemble.Audio.Augmentation;

const int SampleRateHz = 44100;
if (args.Length < 3 || args.Length % 2 == 0)
{
    Console.Error.WriteLine("usage: sox_apply.cs \"<effects>\" IN.f32 OUT.f32 [IN.f32 OUT.f32 ...]");
    return 2;
}
var chain = SoxChain.Parse(args[0]);
for (var i = 1; i < args.Length; i += 2)
{
    var input = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(args[i])).ToArray();
    var output = chain.Apply(input, SampleRateHz);
    File.WriteAllBytes(args[i + 1], MemoryMarshal.AsBytes(output.AsSpan()).ToArray());
}
Console.WriteLine($"{chain}: {(args.Length - 1) / 2} files");
return 0;
