using System.Security.Cryptography;
using Verification.Probes.Controls;
using Verification.Probes.Reporting;

namespace Verification.Verify.Tests;

/// <summary>
/// A CI matrix in miniature: three signed sandbox runs (one per "account"), merged by <c>verify merge</c> into one
/// organisation report that check-evidence accepts with the pinned key; an edited input stops the merge.
/// </summary>
public sealed class MergeTests
{
    private static readonly Lazy<Task<Matrix>> Jobs = new(Matrix.RunAsync);

    [Test]
    public async Task Three_signed_runs_merge_into_one_report_that_check_evidence_verifies_with_the_pinned_key()
    {
        var jobs = await Jobs.Value;
        var merged = VerifyProcess.NewOut("merged");

        var merge = await VerifyProcess.RunAsync(["merge", .. jobs.Named, "--public-key", jobs.PublicKey, "--sign-key", jobs.PrivateKey, "--no-allure", "--out", merged]);
        var check = await VerifyProcess.RunAsync("check-evidence", Path.Combine(merged, "evidence"), "--public-key", jobs.PublicKey);
        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(merged, "evidence", "evidence.json"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(merge.ExitCode, Is.EqualTo(1), merge.Output);
            Assert.That(merge.Output, Does.Contain("NON-COMPLIANT (exit 1) — merged 3 accounts, 3 stacks"));
            Assert.That(check.ExitCode, Is.Zero, check.Output);
            Assert.That(evidence.Accounts.Select(a => (a.Name, a.Outcome)), Is.EqualTo(new[]
            {
                ("prod", RunOutcome.Compliant), ("dev", RunOutcome.NonCompliant), ("staging", RunOutcome.NonCompliant),
            }));
            Assert.That(File.Exists(Path.Combine(merged, "evidence.zip")), Is.True);
            Assert.That(File.Exists(Path.Combine(merged, "junit", "compliance.xml")), Is.True);
            Assert.That(Directory.GetFiles(Path.Combine(merged, "allure-results"), "*-result.json"), Has.Length.EqualTo(evidence.Controls.Count));
        }
    }

    [Test]
    public async Task A_one_byte_edit_of_one_input_makes_merge_exit_2_naming_it_and_write_nothing()
    {
        var jobs = await Jobs.Value;
        var edited = Copy(jobs.Outs[1]);
        var html = Path.Combine(edited, "evidence", "evidence.html");
        var bytes = await File.ReadAllBytesAsync(html);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(html, bytes);
        var merged = VerifyProcess.NewOut("merged-edited");

        var merge = await VerifyProcess.RunAsync("merge", $"prod={jobs.Outs[0]}", $"dev={edited}", $"staging={jobs.Outs[2]}", "--public-key", jobs.PublicKey, "--no-allure", "--out", merged);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(merge.ExitCode, Is.EqualTo(2), merge.Output);
            Assert.That(merge.Output, Does.Contain($"verify merge: {edited}: refused: changed after it was written (evidence.html was modified"));
            Assert.That(merge.Output, Does.Not.Contain(jobs.Outs[0]).And.Not.Contain(" at Verification."), "only the edited input is named, and no stack trace");
            Assert.That(Directory.Exists(Path.Combine(merged, "evidence")), Is.False);
        }
    }

    [Test]
    public async Task Merge_without_a_pinned_key_exits_2_saying_which_options_give_one()
    {
        var jobs = await Jobs.Value;

        var merge = await VerifyProcess.RunAsync(["merge", .. jobs.Named, "--no-allure", "--out", VerifyProcess.NewOut("merged-unpinned")]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(merge.ExitCode, Is.EqualTo(2), merge.Output);
            Assert.That(merge.Output, Does.Contain("--public-key PEM, --public-key-sha256 HEX or --kms-verify ARN"));
        }
    }

    private static string Copy(string folder)
    {
        var copy = VerifyProcess.NewOut("edited-input");
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    /// <summary>Three signed sandbox runs: prod compliant, dev with a public database, staging keeping logs 7 days.</summary>
    private sealed record Matrix(string PrivateKey, string PublicKey, string[] Outs)
    {
        /// <summary>The sandbox serves every scenario as one account id, so each job's bundle is named as a matrix would name it.</summary>
        public string[] Named => [$"prod={Outs[0]}", $"dev={Outs[1]}", $"staging={Outs[2]}"];

        public static async Task<Matrix> RunAsync()
        {
            var keys = VerifyProcess.NewOut("merge-keys");
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var privateKey = Path.Combine(keys, "signing.pem");
            var publicKey = Path.Combine(keys, "signing.pub.pem");
            await File.WriteAllTextAsync(privateKey, key.ExportPkcs8PrivateKeyPem());
            await File.WriteAllTextAsync(publicKey, key.ExportSubjectPublicKeyInfoPem());
            var outs = new List<string>();
            foreach (var scenario in new[] { "compliant-rds", "rds-public", "log-retention-7-days" })
            {
                // One after another: the machine is shared, and a CI matrix runs its jobs apart anyway.
                var run = await VerifyProcess.RunAsync("--mode", "sandbox", "--scenario", scenario, "--connectivity", "off", "--no-allure", "--sign-key", privateKey, "--out", VerifyProcess.NewOut($"job-{scenario}"));
                outs.Add(run.ExitCode is 0 or 1 ? run.Out : throw new InvalidOperationException($"verify --scenario {scenario} exited {run.ExitCode}: {run.Output}"));
            }

            return new Matrix(privateKey, publicKey, [.. outs]);
        }
    }
}
