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
            catch (FormatException e)
            {
                // A client mapped an answer outside the transport's parse (a member of the wrong type): the call's answer is malformed, never a crash or a default.
                return Fetched<T>.Failed(new CollectionError(Action(key), "MalformedResponse", $"the answer could not be read ({e.Message})", Region));
            }
        }));
        return (Fetched<T>)await lazy.Value.ConfigureAwait(false);
    }

    /// <summary>The region the questions are asked in, named in errors raised here.</summary>
    public string Region { get; init; } = "";

    /// <summary>How many distinct questions were asked.</summary>
    public int Count => _answers.Count;

    // Keys are "service:Operation[:qualifier]"; the first two parts are the IAM action.
    private static string Action(string key) => string.Join(':', key.Split(':').Take(2));
}
