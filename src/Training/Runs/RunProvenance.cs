using System.Diagnostics;
using System.Text;
using Ensemble.Training.Data;
using Ensemble.Audio.Files;

namespace Ensemble.Training.Runs;

/// <summary>Where a run came from: the code's git commit and a fingerprint of the data it read.</summary>
public static class RunProvenance
{
    /// <summary>`git rev-parse HEAD` (plus "-dirty" with uncommitted changes) of the folder's repository, or a reason it is unknown.</summary>
    public static string GitCommit(string directory)
    {
        var head = Git(directory, "rev-parse HEAD");
        if (head is null)
            return "unknown (not a git checkout or git missing)";
        var status = Git(directory, "status --porcelain --untracked-files=no");
        return string.IsNullOrWhiteSpace(status) ? head : head + "-dirty";
    }

    /// <summary>SHA-256 over the CSVs and every used clip's name and size (hashing all audio bytes would cost minutes on FAT2019).</summary>
    public static string DataFingerprint(FatDataset data)
    {
        using var sha = new Sha256Hasher();
        foreach (var csv in new[] { FatDataset.SampleSubmissionCsv, FatDataset.CuratedCsv, FatDataset.NoisyCsv, FatDataset.TestCsv })
        {
            var path = Path.Combine(data.Root, csv);
            if (File.Exists(path))
            {
                sha.AppendText(csv);
                sha.Append(File.ReadAllBytes(path));
            }
        }
        foreach (var path in data.Curated.Select(c => c.AudioPath).Concat(data.Noisy.Select(c => c.AudioPath)).Concat(data.TestAudioPaths))
            sha.AppendText($"{Path.GetRelativePath(data.Root, path)}:{new FileInfo(path).Length}\n");
        return "sha256:" + sha.Finish();
    }

    private static string? Git(string directory, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
                return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
