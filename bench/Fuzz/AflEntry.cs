using Ensemble.Fuzz.Targets;
using SharpFuzz;

namespace Ensemble.Fuzz;

/// <summary>
/// afl-fuzz's side (scripts/fuzz-afl.sh): SharpFuzz runs the target on each input afl-fuzz sends; a typed error is a
/// normal outcome, anything else escapes and afl-fuzz records the input as a crash.
/// </summary>
internal static class AflEntry
{
    public static void Run(FuzzTarget target)
    {
        var directory = Directory.CreateTempSubdirectory($"ensemble-afl-{target.Name}-").FullName;
        var path = Path.Combine(directory, target.FileName);
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using (var file = File.Create(path))
                stream.CopyTo(file);
            try
            {
                target.Read(path);
            }
            catch (Exception e) when (target.IsTypedError(e, path))
            {
                // The reader refused the input the way it should.
            }
        });
    }
}
