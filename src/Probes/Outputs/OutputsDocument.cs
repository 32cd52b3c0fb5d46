using System.Text.Json;

namespace Verification.Probes.Outputs;

/// <summary>One outputs file taken apart: its format, the stack chosen and every key/value found.</summary>
internal sealed record OutputsDocument(string Path, OutputsFormat Format, string? StackName, IReadOnlyList<OutputEntry> Entries, string Sha256)
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    private static readonly HashSet<string> TerraformFields = new(StringComparer.Ordinal) { "value", "type", "sensitive" };

    /// <summary>Detects the format of <paramref name="text"/> and takes out its entries; throws <see cref="OutputsException"/> for any file it cannot use.</summary>
    public static OutputsDocument Parse(string path, string text, string sha256, string? stackName)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw OutputsMessage.Fail(path, OutputsFormat.NotDetected, $"the file is empty; expected a JSON object, one of: {OutputsFormat.AcceptedShapes}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Strict);
        }
        catch (JsonException e)
        {
            // JsonException's message names the line and byte, which is all a reader needs; its stack is not.
            throw OutputsMessage.Fail(path, OutputsFormat.NotDetected, $"the file is not valid JSON ({e.Message}); expected a JSON object, one of: {OutputsFormat.AcceptedShapes}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw OutputsMessage.Fail(path, OutputsFormat.NotDetected, $"the top-level JSON value is {Describe(root)}; expected a JSON object, one of: {OutputsFormat.AcceptedShapes}.");
            }

            var reader = new Reader(path, sha256, stackName);
            return reader.Read(root);
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static bool IsTerraformOutput(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object
        && value.TryGetProperty("value", out _)
        && value.EnumerateObject().All(p => TerraformFields.Contains(p.Name));

    private sealed class Reader(string path, string sha256, string? stackName)
    {
        public OutputsDocument Read(JsonElement root)
        {
            var properties = root.EnumerateObject().ToList();
            if (root.TryGetProperty("Stacks", out var stacks))
            {
                return CloudFormation(stacks);
            }

            var terraformShaped = properties.Where(p => IsTerraformOutput(p.Value)).ToList();
            if (terraformShaped.Count > 0)
            {
                return Terraform(properties);
            }

            var isNested = properties.Count > 0 && properties.All(p => p.Value.ValueKind == JsonValueKind.Object);
            return isNested ? Cdktf(properties) : Flat(properties);
        }

        private OutputsDocument Flat(List<JsonProperty> properties)
        {
            RefuseStackName(OutputsFormat.Flat, properties.Select(p => p.Name));
            var entries = properties.Select(p => OutputEntry.From(path, p.Name, p.Value, sensitive: false)).ToList();
            return new OutputsDocument(path, OutputsFormat.Flat, null, entries, sha256);
        }

        private OutputsDocument Terraform(List<JsonProperty> properties)
        {
            var keys = properties.Select(p => p.Name).ToList();
            var odd = properties.Where(p => !IsTerraformOutput(p.Value)).Select(p => $"'{p.Name}'").ToList();
            if (odd.Count > 0)
            {
                throw Fail(OutputsFormat.Terraform, $"output {string.Join(", ", odd)} is not shaped like the others; expected every output as {{\"value\": ..., \"type\": ..., \"sensitive\": ...}}.", keys);
            }

            RefuseStackName(OutputsFormat.Terraform, keys);
            var entries = properties.Select(p => OutputEntry.From(
                path,
                p.Name,
                p.Value.GetProperty("value"),
                sensitive: p.Value.TryGetProperty("sensitive", out var s) && s.ValueKind == JsonValueKind.True)).ToList();
            return new OutputsDocument(path, OutputsFormat.Terraform, null, entries, sha256);
        }

        private OutputsDocument Cdktf(List<JsonProperty> stacks)
        {
            var names = stacks.Select(s => s.Name).ToList();
            var chosen = Choose(OutputsFormat.Cdktf, names);
            var stack = stacks.Single(s => s.Name == chosen).Value;
            var entries = stack.EnumerateObject().Select(p => OutputEntry.From(path, p.Name, p.Value, sensitive: false)).ToList();
            return new OutputsDocument(path, OutputsFormat.Cdktf, chosen, entries, sha256);
        }

        private OutputsDocument CloudFormation(JsonElement stacks)
        {
            var format = OutputsFormat.CloudFormation;
            if (stacks.ValueKind != JsonValueKind.Array)
            {
                throw Fail(format, $"\"Stacks\" is {Describe(stacks)}; expected an array of stacks, each with StackName and Outputs.");
            }

            var list = stacks.EnumerateArray().ToList();
            if (list.Count == 0)
            {
                throw Fail(format, "\"Stacks\" is empty; expected the stack that was deployed (aws cloudformation describe-stacks --stack-name <name>).");
            }

            var badStack = list.FindIndex(s => s.ValueKind != JsonValueKind.Object
                || !s.TryGetProperty("StackName", out var n) || n.ValueKind != JsonValueKind.String);
            if (badStack >= 0)
            {
                throw Fail(format, $"Stacks[{badStack}] has no StackName string; expected {{\"StackName\": ..., \"Outputs\": [...]}}.");
            }

            var names = list.Select(s => s.GetProperty("StackName").GetString()!).ToList();
            var chosen = Choose(format, names);
            var stack = list[names.IndexOf(chosen)];
            var entries = CloudFormationOutputs(stack, chosen);
            return new OutputsDocument(path, format, chosen, entries, sha256);
        }

        private List<OutputEntry> CloudFormationOutputs(JsonElement stack, string stackName)
        {
            var format = OutputsFormat.CloudFormation;

            // A stack without outputs has no Outputs member at all; the missing keys are reported later, by name.
            if (!stack.TryGetProperty("Outputs", out var outputs))
            {
                return [];
            }

            if (outputs.ValueKind != JsonValueKind.Array)
            {
                throw Fail(format, $"Outputs of stack '{stackName}' is {Describe(outputs)}; expected an array of {{\"OutputKey\": ..., \"OutputValue\": ...}}.");
            }

            var entries = new List<OutputEntry>();
            var index = 0;
            foreach (var output in outputs.EnumerateArray())
            {
                if (output.ValueKind != JsonValueKind.Object
                    || !output.TryGetProperty("OutputKey", out var key) || key.ValueKind != JsonValueKind.String
                    || !output.TryGetProperty("OutputValue", out var value))
                {
                    throw Fail(format, $"Outputs[{index}] of stack '{stackName}' lacks OutputKey or OutputValue; expected {{\"OutputKey\": \"VpcId\", \"OutputValue\": \"vpc-...\"}}.", entries.Select(e => e.Key).ToList());
                }

                entries.Add(OutputEntry.From(path, key.GetString()!, value, sensitive: false));
                index++;
            }

            var repeated = entries.GroupBy(e => e.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'").ToList();
            if (repeated.Count > 0)
            {
                throw Fail(format, $"stack '{stackName}' lists OutputKey {string.Join(", ", repeated)} more than once; expected each output once.", entries.Select(e => e.Key).Distinct().ToList());
            }

            return entries;
        }

        private string Choose(OutputsFormat format, List<string> names)
        {
            var listed = string.Join(", ", names.Select(n => $"'{n}'"));
            if (stackName is not null)
            {
                return names.Contains(stackName)
                    ? stackName
                    : throw Fail(format, $"stack '{stackName}' is not in the file; it holds stacks {listed}. Pass one of these as stackName.");
            }

            return names.Count == 1
                ? names[0]
                : throw Fail(format, $"the file holds {names.Count} stacks ({listed}) and none was named; pick one by passing its name as stackName, e.g. stackName: \"{names[0]}\".");
        }

        // A stack name given for a file without stacks means the caller expected another file: say so rather than ignore it.
        private void RefuseStackName(OutputsFormat format, IEnumerable<string> keys)
        {
            if (stackName is not null)
            {
                throw Fail(format, $"stack '{stackName}' was asked for, but this format holds the outputs of one stack and no stack names; leave stackName out.", keys.ToList());
            }
        }

        private OutputsException Fail(OutputsFormat format, string problem, IReadOnlyList<string>? keys = null) =>
            OutputsMessage.Fail(path, format, problem, keys);
    }
}
