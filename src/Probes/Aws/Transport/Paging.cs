namespace Verification.Probes.Aws.Transport;

/// <summary>The one paging loop every client shares: follows a marker or token to its end, and refuses a list that cannot end correctly.</summary>
public static class Paging
{
    /// <summary>Every page of <paramref name="operation"/>, asking with the previous page's token until a page carries none.</summary>
    /// <param name="fetch">Asks for one page; the token is null for the first.</param>
    /// <param name="nextToken">The token a page carries for the next one; null or empty on the last page.</param>
    /// <param name="time">The session's clock: every page shares one call deadline.</param>
    /// <exception cref="AwsServiceException">MalformedResponse when a token comes back a second time: following it would loop, stopping would return a short list.</exception>
    public static async Task<List<TPage>> AllAsync<TPage>(
        string service,
        string operation,
        string region,
        Func<string?, CancellationToken, Task<TPage>> fetch,
        Func<TPage, string?> nextToken,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(nextToken);

        // One deadline for the whole list: a list that pages on past the call budget is not an answer.
        using var deadline = AwsCallPipeline.ShareDeadline(time);
        var pages = new List<TPage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await fetch(token, cancellationToken).ConfigureAwait(false);
            pages.Add(page);
            token = nextToken(page);
            if (string.IsNullOrEmpty(token))
            {
                token = null;
            }
            else if (!seen.Add(token))
            {
                throw Malformed(service, operation, region, $"page {pages.Count} repeated the paging token \"{token}\" of an earlier page, so the list has no correct end");
            }
        }
        while (token is not null);
        return pages;
    }

    /// <summary>The error for a list whose pages do not add up: never a short list.</summary>
    public static AwsServiceException Malformed(string service, string operation, string region, string message) =>
        new(service, operation, region, "MalformedResponse", message, 200, null);
}
