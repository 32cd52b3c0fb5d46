using System.Text;
using System.Text.Json;

namespace Verification.Probes.Outputs;

/// <summary>
/// Finds each known output among the keys of one or more files, validates it and builds <see cref="StackOutputs"/>.
/// </summary>
/// <remarks>
/// Matching: a key matches when its normalised form equals the output's name or ends with it at a word boundary.
/// When more than one key matches, that is an error naming every candidate, even when one of them matches exactly:
/// db_endpoint beside replica_db_endpoint may be the primary or a leftover, and a wrong pick would silently verify
/// the wrong database. Identical key and value found in two files count once.
/// </remarks>
internal static class OutputsResolver
{
    /// <summary>The validated outputs, or an <see cref="OutputsException"/> listing every problem at once.</summary>
    public static StackOutputs Resolve(IReadOnlyList<OutputsDocument> documents)
    {
        var many = documents.Count > 1;
        var entries = documents.SelectMany(d => d.Entries).ToList();
        var problems = new List<string>();
        var values = new Dictionary<KnownOutput, string>();

        foreach (var output in KnownOutput.All)
        {
            if (Find(output, entries, many, problems) is { } value)
            {
                values[output] = value;
            }
        }

        CheckArnsAgree(values, problems);
        CheckRegion(values, problems);
        CheckClusterNameMatchesArn(values, problems);

        if (problems.Count > 0)
        {
            var keys = entries.Select(e => Qualified(e, many)).Distinct().Order(StringComparer.Ordinal).ToList();
            throw new OutputsException(OutputsMessage.Build(
                documents.Select(d => d.Path).ToList(),
                string.Join(" + ", documents.Select(d => d.Format.Description).Distinct()),
                problems,
                keys));
        }

        var db = OutputForms.TryHostPort(values[KnownOutput.DbEndpoint], 5432)!;
        var redis = OutputForms.TryHostPort(values[KnownOutput.RedisEndpoint], 6379)!;
        var clusterArn = values.GetValueOrDefault(KnownOutput.EcsClusterArn);
        var stackNames = documents.Select(d => d.StackName).OfType<string>().Distinct().ToList();

        return new StackOutputs
        {
            SourceFile = string.Join(", ", documents.Select(d => d.Path)),
            Format = string.Join("+", documents.Select(d => d.Format.Id).Distinct()),
            StackName = stackNames.Count == 0 ? null : string.Join(", ", stackNames),
            VpcId = values[KnownOutput.VpcId],
            AlbDnsName = values[KnownOutput.AlbDnsName],
            DbEndpoint = db,
            RedisEndpoint = redis,
            KmsKeyArn = values[KnownOutput.KmsKeyArn],
            DbSecretArn = values[KnownOutput.DbSecretArn],

            // The collector needs the cluster name; a stack that exports only the ARN still names it.
            EcsClusterName = values.GetValueOrDefault(KnownOutput.EcsClusterName) ?? ClusterName(clusterArn),
            EcsClusterArn = clusterArn,
            LogGroupName = values.GetValueOrDefault(KnownOutput.LogGroupName),
            StateBucket = values.GetValueOrDefault(KnownOutput.StateBucket),
            Region = values.GetValueOrDefault(KnownOutput.Region),
            EnvironmentSuffix = values.GetValueOrDefault(KnownOutput.EnvironmentSuffix),
            Raw = Raw(entries),
            Sha256 = many ? ManifestHash(documents) : documents[0].Sha256,
        };
    }

    private static string? Find(KnownOutput output, List<OutputEntry> entries, bool many, List<string> problems)
    {
        var candidates = entries
            .Where(e => OutputKey.Match(e.Key, output.Normalised) != KeyMatch.None)
            .DistinctBy(e => (e.Key, e.Kind, e.Text, e.Literal))
            .ToList();

        if (candidates.Count == 0)
        {
            if (output.Required)
            {
                problems.Add($"missing {output.Name}: no key matches it; expected {output.Expected}.");
            }

            return null;
        }

        if (candidates.Count > 1)
        {
            var names = string.Join(", ", candidates.Select(c => $"'{Qualified(c, many)}'"));
            problems.Add($"{output.Name}: {candidates.Count} keys could be it ({names}); the reader never picks one, so rename or drop the others until exactly one key ends in {output.Name}.");
            return null;
        }

        var entry = candidates[0];
        var where = $"key '{Qualified(entry, many)}'";
        if (entry.Kind != JsonValueKind.String)
        {
            problems.Add($"{output.Name}: expected a string holding {output.Expected}, found {entry.DescribeKind()} ({where}).");
            return null;
        }

        var text = entry.Text!;
        if (text.Length == 0)
        {
            problems.Add($"{output.Name}: expected {output.Expected}, found an empty string ({where}).");
            return null;
        }

        if (text == SecretMask.PulumiSecret)
        {
            // An optional output hidden by Pulumi is as good as absent; a required one blocks the run.
            if (output.Required)
            {
                problems.Add($"{output.Name}: the value is \"[secret]\" ({where}) because Pulumi hides secret outputs; write the file with `pulumi stack output --json --show-secrets`.");
            }

            return null;
        }

        if (!output.IsValid(text))
        {
            // Shown, not Text: a secret-looking key is masked even here.
            problems.Add($"{output.Name}: expected {output.Expected}, found '{entry.Shown}' ({where}).");
            return null;
        }

        return text;
    }

    private static void CheckArnsAgree(Dictionary<KnownOutput, string> values, List<string> problems)
    {
        var arns = KnownOutput.Arns
            .Where(values.ContainsKey)
            .Select(o => (o.Name, Arn: Arn.TryParse(values[o])!))
            .ToList();
        if (arns.Count < 2)
        {
            return;
        }

        var (firstName, first) = arns[0];
        foreach (var (name, arn) in arns.Skip(1))
        {
            if (arn.Region != first.Region)
            {
                problems.Add($"{firstName} names region {first.Region} but {name} names region {arn.Region}; expected every ARN in the stack's one region.");
            }

            if (arn.Account != first.Account)
            {
                problems.Add($"{firstName} names account {first.Account} but {name} names account {arn.Account}; expected every ARN in the stack's one account.");
            }
        }
    }

    private static void CheckRegion(Dictionary<KnownOutput, string> values, List<string> problems)
    {
        if (!values.TryGetValue(KnownOutput.Region, out var region))
        {
            return;
        }

        var arn = KnownOutput.Arns.FirstOrDefault(values.ContainsKey);
        if (arn is not null && Arn.TryParse(values[arn])!.Region is var arnRegion && arnRegion != region)
        {
            problems.Add($"region: is '{region}' but {arn.Name} names region {arnRegion}; expected the region the stack's ARNs name.");
        }
    }

    private static void CheckClusterNameMatchesArn(Dictionary<KnownOutput, string> values, List<string> problems)
    {
        if (values.TryGetValue(KnownOutput.EcsClusterName, out var name)
            && ClusterName(values.GetValueOrDefault(KnownOutput.EcsClusterArn)) is { } fromArn
            && fromArn != name)
        {
            problems.Add($"ecs_cluster_name: is '{name}' but ecs_cluster_arn names cluster '{fromArn}'; expected the same cluster.");
        }
    }

    private static string? ClusterName(string? clusterArn) =>
        clusterArn is null ? null : Arn.TryParse(clusterArn)!.Resource["cluster/".Length..];

    private static string Qualified(OutputEntry entry, bool many) =>
        many ? $"{entry.File}:{entry.Key}" : entry.Key;

    // One key with different values in two files keeps both, each prefixed with its file's path, so evidence never hides one.
    private static SortedDictionary<string, string> Raw(List<OutputEntry> entries)
    {
        var raw = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in entries.GroupBy(e => e.Key, StringComparer.Ordinal))
        {
            var shown = group.Select(e => e.Shown).Distinct().ToList();
            if (shown.Count == 1)
            {
                raw[group.Key] = shown[0];
                continue;
            }

            foreach (var entry in group)
            {
                raw[Qualified(entry, many: true)] = entry.Shown;
            }
        }

        return raw;
    }

    // Several files have no one hash; hashing the sha256sum-style manifest keeps each file's own hash checkable.
    private static string ManifestHash(IReadOnlyList<OutputsDocument> documents)
    {
        var manifest = string.Concat(documents.Select(d => $"{d.Sha256}  {d.Path}\n"));
        return StackOutputsReader.Hash(Encoding.UTF8.GetBytes(manifest));
    }
}
