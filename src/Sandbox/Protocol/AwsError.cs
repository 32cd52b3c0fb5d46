using System.Net;

namespace Verification.Sandbox.Protocol;

/// <summary>An error the simulated service answers with; the protocol layer wraps it in the service's own envelope.</summary>
/// <param name="code">The AWS error code ("DBInstanceNotFound", "ResourceNotFoundException").</param>
/// <param name="status">The HTTP status AWS uses for this error.</param>
internal sealed class AwsError(string code, string message, HttpStatusCode status = HttpStatusCode.BadRequest) : Exception(message)
{
    public string Code { get; } = code;

    public HttpStatusCode Status { get; } = status;

    /// <summary>Query calls it Sender, the server's own failures Receiver.</summary>
    public string Type => (int)Status >= 500 ? "Receiver" : "Sender";
}
