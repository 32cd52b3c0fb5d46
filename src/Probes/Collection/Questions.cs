using System.Collections.Concurrent;
using Verification.Probes.Aws;

namespace Verification.Probes.Collection;

/// <summary>
/// Asks each AWS question once per run: the first caller starts the call, later callers (other controls' needs, other
/// stacks in the same account) await the same task. A failed call is remembered as its error, never retried here
/// (the transport already spent the retry budget).
/// </summary>
public sealed class Questions
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _answers = new(StringComparer.Ordinal);

    /// <summary>The answer to the question named <paramref name="key"/>, asking AWS only the first time.</summary>
    public async Task<Fetched<T>> AskAsync<T>(string key, Func<Task<T>> call)
    {
        var lazy = _answers.GetOrAdd(key, _ => new Lazy<Task<object>>(async () =>
        {
            try
            {
                return Fetched<T>.Of(await call().ConfigureAwait(false));
            }
            catch (AwsServiceException e)
            {
                return Fetched<T>.Failed(CollectionError.From(e));
            }
        }));
        return (Fetched<T>)await lazy.Value.ConfigureAwait(false);
    }

    /// <summary>How many distinct questions were asked.</summary>
    public int Count => _answers.Count;
}
