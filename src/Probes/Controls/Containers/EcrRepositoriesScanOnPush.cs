using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Containers;

/// <summary>
/// Every ECR repository of the account that a stack task definition pulls from scans images on push. Images from
/// another registry (ECR Public, Docker Hub, another account) are outside this control and named in its evidence.
/// Limit: registry-level scanning rules (GetRegistryScanningConfiguration, enhanced scanning by Inspector) are not read,
/// so a repository scanned only by a registry rule fails here; set scan on push on the repository too. Peers: Prowler
/// <c>ecr_repositories_scan_images_on_push_enabled</c> (counts registry rules too), AWS Config
/// <c>ecr-private-image-scanning-enabled</c>; neither peer's HIPAA mapping lists it. Cited as protection from malicious
/// software, as Prowler's HIPAA mapping cites its patch-compliance checks.
/// </summary>
public sealed class EcrRepositoriesScanOnPush : Control
{
    public override string Title => "ECR repositories the stack pulls from scan images on push";
    public override string Area => "Containers";
    public override string Service => "ECR";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "An image with known vulnerable packages is pushed and deployed next to ePHI without anyone being told; nothing records which CVEs the running tasks carry.";
    public override string Remediation => "Set image_scanning_configuration { scan_on_push = true } on the aws_ecr_repository (ImageScanningConfiguration: { ScanOnPush: true } in CloudFormation, imageScanOnPush: true in CDK), or add a registry scanning rule and set it on the repository as well.";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(5)(ii)(B)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) =>
        [Fact.Of(context.Snapshot.TaskDefinitions), Fact.Of(context.Snapshot.Caller), Fact.Of(context.Snapshot.EcrRepositories)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var account = context.Snapshot.Caller.Value!.Account;
        var images = context.Snapshot.TaskDefinitions.Value!.SelectMany(d => d.ContainerDefinitions.Select(c => c.Image)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var own = EcrImage.OfAccount(images, account);
        if (own.Count == 0)
        {
            return [NotApplicable(context, context.Snapshot.Outputs.VpcId,
                $"No container image of the stack's task definitions comes from account {account}'s ECR (images: {(images.Count == 0 ? "none" : string.Join(", ", images))}).")];
        }

        var repositories = context.Snapshot.EcrRepositories.Value!;
        return own.Select(image => Judge(context, image, repositories.FirstOrDefault(r => r.RepositoryName == image.Repository && image.Region == context.Region)));
    }

    private Finding Judge(EvaluationContext context, EcrImage image, Repository? repository)
    {
        var name = $"ECR repository {image.Repository}";
        if (image.Region != context.Region)
        {
            return Error(context, $"arn:aws:ecr:{image.Region}:{image.Account}:repository/{image.Repository}", $"{name} is in {image.Region}, and this run reads ECR in {context.Region} only.");
        }

        if (repository is null)
        {
            return Error(context, $"arn:aws:ecr:{image.Region}:{image.Account}:repository/{image.Repository}", $"DescribeRepositories did not return {name}, which a task definition pulls from.");
        }

        if (repository.ImageScanningConfiguration?.ScanOnPush is not { } scanOnPush)
        {
            return Unreported(context, repository.RepositoryArn, name, "imageScanningConfiguration.scanOnPush");
        }

        var evidence = Evidence.Of(("scanOnPush", scanOnPush), ("repositoryUri", repository.RepositoryUri));
        return scanOnPush
            ? Pass(context, repository.RepositoryArn, $"{name} scans images on push.", evidence)
            : Fail(context, repository.RepositoryArn, $"{name} does not scan images on push.", evidence);
    }
}
