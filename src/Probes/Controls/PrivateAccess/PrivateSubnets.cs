namespace Verification.Probes.Controls.PrivateAccess;

/// <summary>The shared verdict of the "only private subnets" controls.</summary>
internal static class PrivateSubnets
{
    public static Finding Judge(Control control, EvaluationContext context, string resource, string name, IReadOnlyList<string> subnetIds)
    {
        var network = new Network(context.Snapshot);

        // A subnet with neither an explicit association nor a main route table has unknown routing: never read as private.
        if (network.UnroutedAmong(subnetIds) is { Count: > 0 } unrouted)
        {
            return new Finding(control.Id, FindingStatus.Error, resource, context.Region,
                $"Could not evaluate: no route table governs {string.Join(", ", unrouted)} of {name} (no explicit association and no main route table in ec2:DescribeRouteTables).",
                Evidence.Of(("subnets", subnetIds), ("unroutedSubnets", unrouted)), context.ObservedAt);
        }

        var publicOnes = network.PublicAmong(subnetIds);
        var evidence = Evidence.Of(("subnets", subnetIds), ("publicSubnets", publicOnes));
        var status = subnetIds.Count == 0 ? FindingStatus.Error : publicOnes.Count > 0 ? FindingStatus.Fail : FindingStatus.Pass;
        var message = status switch
        {
            FindingStatus.Error => $"Could not evaluate: {name} reports no subnets.",
            FindingStatus.Fail => $"{name} is placed in public subnets: {string.Join(", ", publicOnes)}.",
            _ => $"{name} uses only private subnets ({string.Join(", ", subnetIds)}).",
        };
        return new Finding(control.Id, status, resource, context.Region, message, evidence, context.ObservedAt);
    }
}
