namespace Verification.Probes.Outputs;

/// <summary>A recognised outputs file layout: the id written to <see cref="StackOutputs.Format"/> and the tool and command that write it.</summary>
public sealed record OutputsFormat(string Id, string Description)
{
    /// <summary>A flat object of name to value. Pulumi and the pipelines' flat-outputs.json write the same shape, so the reader does not tell them apart.</summary>
    public static readonly OutputsFormat Flat = new("flat", "flat (Pulumi stack output --json, CloudFormation flat-outputs.json)");

    /// <summary>Each output an object with value, type and sensitive.</summary>
    public static readonly OutputsFormat Terraform = new("terraform", "terraform (terraform output -json)");

    /// <summary>Outputs nested under their stack's name (cdk deploy --outputs-file writes the same shape).</summary>
    public static readonly OutputsFormat Cdktf = new("cdktf", "cdktf (cdktf deploy --outputs-file)");

    /// <summary>The Stacks array with OutputKey/OutputValue pairs.</summary>
    public static readonly OutputsFormat CloudFormation = new("cloudformation", "cloudformation (aws cloudformation describe-stacks)");

    /// <summary>The file could not be read or was not a JSON object, so no layout applies.</summary>
    internal static readonly OutputsFormat NotDetected = new("", "not detected");

    /// <summary>The shapes the reader accepts, for messages about a file that matches none of them.</summary>
    internal const string AcceptedShapes =
        "{\"name\": \"value\"} (Pulumi stack output --json, flat-outputs.json), " +
        "{\"name\": {\"value\": ..., \"type\": ..., \"sensitive\": ...}} (terraform output -json), " +
        "{\"StackName\": {\"name\": \"value\"}} (cdktf deploy --outputs-file), " +
        "{\"Stacks\": [{\"StackName\": ..., \"Outputs\": [{\"OutputKey\": ..., \"OutputValue\": ...}]}]} (aws cloudformation describe-stacks)";
}
