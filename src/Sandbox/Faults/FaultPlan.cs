using System.Globalization;

namespace Verification.Sandbox.Faults;

/// <summary>What an injected fault does to one request.</summary>
public enum FaultKind
{
    /// <summary>The service's throttling error (Query Throttling 400, EC2 RequestLimitExceeded 503, JSON ThrottlingException 400).</summary>
    Throttle,

    /// <summary>The service's 503 (Query ServiceUnavailable, EC2 Unavailable, JSON ServiceUnavailableException).</summary>
    Unavailable,

    /// <summary>The service's 500 (Query InternalFailure, EC2 InternalError, JSON InternalFailure).</summary>
    ServerError,

    /// <summary>Holds the answer until the client gives up (past any sane attempt timeout).</summary>
    Stall,

    /// <summary>Aborts the connection without an answer.</summary>
    Close,

    /// <summary>Answers 200 with only the first half of the body.</summary>
    Truncate,
}

/// <summary>
/// Seeded, reproducible faults: each request is hit with probability <see cref="Fraction"/>, but never more than
/// <see cref="MaxConsecutive"/> times in a row for the same action, so a client that retries that often always gets through.
/// Each action draws from its own seeded sequence, so concurrent calls to other actions do not change which requests fault.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Random Random, int Streak)> _actions = new(StringComparer.Ordinal);
    private int _injected;

    /// <summary>The share of requests to fault, 0 to 1.</summary>
    public double Fraction { get; init; }

    /// <summary>The longest run of faults one action can see.</summary>
    public int MaxConsecutive { get; init; } = 2;

    /// <summary>The seed, so a failing run replays identically.</summary>
    public int Seed { get; init; }

    /// <summary>What the faulted requests receive, drawn in turn from this list.</summary>
    public IReadOnlyList<FaultKind> Kinds { get; init; } = [FaultKind.Throttle];

    /// <summary>Shorthand for a plan with one kind of fault.</summary>
    public FaultKind Kind
    {
        get => Kinds[0];
        init => Kinds = [value];
    }

    /// <summary>The actions ("rds:DescribeDBInstances") to fault; null faults every action.</summary>
    public IReadOnlySet<string>? Actions { get; init; }

    /// <summary>How many faults were injected so far.</summary>
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>The fault for the next request to <paramref name="action"/> ("rds:DescribeDBInstances"), or null to let it through.</summary>
    public FaultKind? Next(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (Actions is not null && !Actions.Contains(action))
        {
            return null;
        }

        lock (_gate)
        {
            var (random, streak) = _actions.TryGetValue(action, out var state) ? state : (new Random(Seed ^ StableHash(action)), 0);
            var hit = streak < MaxConsecutive && random.NextDouble() < Fraction;
            var kind = Kinds[random.Next(Kinds.Count)];
            _actions[action] = (random, hit ? streak + 1 : 0);
            if (!hit)
            {
                return null;
            }

            _injected++;
            return kind;
        }
    }

    /// <summary>
    /// Reads the console host's form "kinds:fraction[:seed=N][:max=N][:only=svc:Action,svc:Action]", kinds joined by '+'
    /// from throttle, 503, 500, stall, close, truncate; e.g. "throttle+503:0.3:seed=7".
    /// </summary>
    public static FaultPlan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length < 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) || fraction is < 0 or > 1)
        {
            throw new FormatException($"Fault plan '{text}': expected kinds:fraction[:seed=N][:max=N][:only=svc:Action,...] with a fraction from 0 to 1, e.g. throttle+503:0.3:seed=7.");
        }

        var kinds = parts[0].Split('+').Select(k => KindOf(k, text)).ToList();
        var options = new List<string>();
        foreach (var part in parts.Skip(2))
        {
            // "only=rds:DescribeDBInstances" was split at its own colon: glue the action back together.
            if (!part.Contains('=', StringComparison.Ordinal) && options.Count > 0)
            {
                options[^1] += ":" + part;
            }
            else
            {
                options.Add(part);
            }
        }

        var plan = new FaultPlan { Fraction = fraction, Kinds = kinds };
        foreach (var option in options)
        {
            var (name, value) = option.Split('=', 2) is [var n, var v] ? (n, v) : (option, "");
            plan = name switch
            {
                "seed" => plan.With(seed: Int(value, option, text)),
                "max" => plan.With(max: Int(value, option, text)),
                "only" => plan.With(only: value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)),
                _ => throw new FormatException($"Fault plan '{text}': unknown option '{option}'; expected seed=N, max=N or only=svc:Action,..."),
            };
        }

        return plan;
    }

    private FaultPlan With(int? seed = null, int? max = null, IReadOnlySet<string>? only = null) => new()
    {
        Fraction = Fraction,
        Kinds = Kinds,
        Seed = seed ?? Seed,
        MaxConsecutive = max ?? MaxConsecutive,
        Actions = only ?? Actions,
    };

    private static FaultKind KindOf(string name, string text) => name.ToLowerInvariant() switch
    {
        "throttle" => FaultKind.Throttle,
        "503" or "unavailable" => FaultKind.Unavailable,
        "500" or "servererror" => FaultKind.ServerError,
        "stall" => FaultKind.Stall,
        "close" => FaultKind.Close,
        "truncate" => FaultKind.Truncate,
        _ => throw new FormatException($"Fault plan '{text}': unknown fault '{name}'; expected throttle, 503, 500, stall, close or truncate."),
    };

    private static int Int(string value, string option, string text) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new FormatException($"Fault plan '{text}': option '{option}' needs a whole number.");

    // string.GetHashCode is randomised per process; the plan must replay across runs.
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
