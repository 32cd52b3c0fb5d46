namespace Verification.Probes.Aws;

/// <summary>An AWS call that failed after its retries: the service said no, or the transport broke.</summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException(string service, string operation, string region, string errorCode, string message, int? httpStatus, string? requestId, Exception? inner = null)
        : base($"{service}:{operation} in {region} failed: {errorCode}: {message}", inner)
    {
        Service = service;
        Operation = operation;
        Region = region;
        ErrorCode = errorCode;
        AwsMessage = message;
        HttpStatus = httpStatus;
        RequestId = requestId;
    }

    public string Service { get; }

    public string Operation { get; }

    public string Region { get; }

    /// <summary>AWS's error code (AccessDeniedException, DBInstanceNotFound) or a transport code (Timeout, ConnectionFailed, MalformedResponse).</summary>
    public string ErrorCode { get; }

    /// <summary>AWS's own message text.</summary>
    public string AwsMessage { get; }

    public int? HttpStatus { get; }

    public string? RequestId { get; }

    /// <summary>The IAM action the call needed.</summary>
    public string Action => $"{AwsService.ActionPrefixOf(Service)}:{Operation}";

    /// <summary>True when the caller lacks permission rather than the resource being absent or the service failing.</summary>
    public bool IsAccessDenied => ErrorCode is "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" or "UnauthorizedAccess" or "AuthorizationError";

    /// <summary>True for throttling and server-side faults that the SDKs retry.</summary>
    public bool IsRetryable =>
        ErrorCode is "Throttling" or "ThrottlingException" or "RequestLimitExceeded" or "TooManyRequestsException" or "RequestThrottled"
            or "RequestThrottledException" or "ProvisionedThroughputExceededException" or "SlowDown" or "ServiceUnavailable"
            or "InternalFailure" or "InternalError" or "Timeout" or "ConnectionFailed" or "MalformedResponse" or "RequestTimeout"
        || HttpStatus is >= 500;
}
