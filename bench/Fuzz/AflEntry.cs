using Ensemble.Fuzz.Targets;
using SharpFuzz;

namespace Ensemble.Fuzz;

/// <summary>
/// afl-fuzz's side (scripts/fuzz-afl.sh): SharpFuzz runs the target on each input afl-fuzz sends; a typed error is a
/// normal outcome, anything else escapes and afl-fuzz records the input as a crash.
/// </summary>
internal static class AflEntry
{
    /// <param name="create">Builds the target on the first input, once SharpFuzz has mapped afl's shared memory.</param>
    public static void Run(Func<FuzzTarget> create)
    {
        FuzzTarget? target = null;
        string? path = null;
        Fuzzer.OutOfProcess.Run(stream =>
        {
            if (target is null)
            {
                target = create();
                path = Path.Combine(Directory.CreateTempSubdirectory($"ensemble-afl-{target.Name}-").FullName, target.FileName);
            }
            using (var file = File.Create(path!))
                stream.CopyTo(file);
            try
            {
                target.Read(path!);
            }
            catch (Exception e) when (target.IsTypedError(e, path!))
            {
                // The reader refused the input the way it should.
            }
        });
    }
}
