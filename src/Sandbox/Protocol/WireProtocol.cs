namespace Verification.Sandbox.Protocol;

/// <summary>The wire dialects the collector's services speak.</summary>
internal enum WireProtocol
{
    /// <summary>Form request; &lt;OpResponse&gt;&lt;OpResult&gt; answer; &lt;ErrorResponse&gt; errors.</summary>
    Query,

    /// <summary>Form request; &lt;OpResponse&gt; with &lt;requestId&gt;, lowerCamel and item lists; &lt;Response&gt;&lt;Errors&gt; errors.</summary>
    Ec2,

    /// <summary>JSON 1.1 with X-Amz-Target.</summary>
    Json,

    /// <summary>REST: the operation is the method, path and query; the answer is an XML document named after its shape, or a raw payload; &lt;Error&gt; errors (S3).</summary>
    RestXml,

    /// <summary>REST with JSON: the operation is the method and path (the model's requestUri); JSON answers; errors named by x-amzn-ErrorType (Backup, GuardDuty, Security Hub).</summary>
    RestJson,
}
