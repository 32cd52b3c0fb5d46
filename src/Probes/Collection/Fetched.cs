using Verification.Probes.Aws;

namespace Verification.Probes.Collection;

/// <summary>Why a piece of the snapshot could not be collected.</summary>
/// <param name="Action">The IAM action of the call that failed, e.g. "elasticache:DescribeReplicationGroups".</param>
/// <param name="Code">AWS's error code or a transport code (Timeout, ConnectionFailed, NotFound).</param>
public sealed record CollectionError(string Action, string Code, string Message, string Region)
{
    /// <summary>One sentence a platform engineer can act on.</summary>
    public string Explain() => Code switch
    {
        "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" or "AuthorizationError" =>
            $"needs {Action}: the caller was denied ({Code}) in {Region}; grant it (docs/iam/verification-readonly.json) and run again",
        "Timeout" or "ConnectionFailed" or "MalformedResponse" =>
            $"{Action} in {Region} did not complete ({Code}: {Message}) after the retry budget",
        "NotFound" => $"{Message} ({Action} in {Region})",
        "NotCollected" or "ScopeIncomplete" => Message,
        _ => $"{Action} in {Region} failed: {Code}: {Message}",
    };

    public static CollectionError From(AwsServiceException e) => new(e.Action, e.ErrorCode, e.AwsMessage, e.Region);
}

/// <summary>The answer to one AWS question: a value, or the reason there is none. A failed question never reads as an empty answer.</summary>
public sealed record Fetched<T>
{
    public T? Value { get; init; }

    public CollectionError? Error { get; init; }

    public bool Succeeded => Error is null;

    public static Fetched<T> Of(T value) => new() { Value = value };

    public static Fetched<T> Failed(CollectionError error) => new() { Error = error };
}
