namespace Verification.Verify.Tests;

/// <summary>
/// The three end-to-end runs every test here reads, each made once: a compliant sandbox stack, the same stack with
/// log retention cut to 7 days (given the compliant run as the previous one), and a malformed outputs file.
/// Connectivity is off: these tests are about reports and exit codes, and the data path has its own suite.
/// </summary>
internal static class Runs
{
    private static readonly Lazy<Task<VerifyResult>> CompliantRun = new(() => VerifyProcess.RunAsync(
        "--mode", "sandbox", "--scenario", "compliant-rds", "--connectivity", "off", "--no-build", "--out", VerifyProcess.NewOut("compliant")));

    private static readonly Lazy<Task<VerifyResult>> DefectiveRun = new(async () => await VerifyProcess.RunAsync(
        "--mode", "sandbox", "--scenario", "log-retention-7-days", "--connectivity", "off", "--no-build", "--previous", (await Compliant()).Out, "--out", VerifyProcess.NewOut("defective")));

    private static readonly Lazy<Task<VerifyResult>> MalformedRun = new(() =>
    {
        var outputs = Path.Combine(VerifyProcess.NewOut("malformed-outputs"), "outputs.json");
        File.WriteAllText(outputs, "{ \"vpc_id\": { \"value\": ");
        return VerifyProcess.RunAsync("--mode", "sandbox", "--outputs", outputs, "--connectivity", "off", "--no-build", "--no-allure", "--out", VerifyProcess.NewOut("malformed"));
    });

    private static readonly Lazy<Task<VerifyResult>> WaivedRun = new(() =>
    {
        var waivers = Path.Combine(VerifyProcess.NewOut("waivers"), "waivers.json");
        // Within a year of the run: a longer waiver is refused unless the settings raise MaxWaiverDays.
        var expires = DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(waivers, $$"""
            {"waivers": [{"control": "LogGroupRetentionMeetsPolicy", "resource": "arn:aws:logs:*:log-group:/ecs/healthcare-dev", "justification": "Archive to S3 covers the gap until the retention change ships.", "expires": "{{expires}}", "approver": "ciso@example.org"}]}
            """);
        return VerifyProcess.RunAsync("--mode", "sandbox", "--scenario", "log-retention-7-days", "--waivers", waivers, "--connectivity", "off", "--no-build", "--no-allure", "--out", VerifyProcess.NewOut("waived"));
    });

    private static readonly Lazy<Task<VerifyResult>> KmsSignedRun = new(() => VerifyProcess.RunAsync(
        "--mode", "sandbox", "--scenario", "compliant-rds", "--connectivity", "off", "--no-allure", "--sign-kms-key", "alias/verification-evidence-signing", "--out", VerifyProcess.NewOut("kms-signed")));

    public static Task<VerifyResult> Compliant() => CompliantRun.Value;

    /// <summary>The compliant stack with its manifest signed by the sandbox's KMS key alias/verification-evidence-signing.</summary>
    public static Task<VerifyResult> KmsSigned() => KmsSignedRun.Value;

    /// <summary>The 7-day retention stack with that failure waived for 90 days.</summary>
    public static Task<VerifyResult> Waived() => WaivedRun.Value;

    public static Task<VerifyResult> Defective() => DefectiveRun.Value;

    public static Task<VerifyResult> Malformed() => MalformedRun.Value;
}
