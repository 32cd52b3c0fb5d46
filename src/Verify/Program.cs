using Verification.Verify;

// Everything that can go wrong ends here as one message and exit 2 (could not evaluate), never a stack trace.
try
{
    return await CommandLine.InvokeAsync(args);
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Console.Error.WriteLine($"verify: could not evaluate: {e.GetType().Name}: {e.Message}");
    Console.Error.WriteLine("verify: exit 2. The evidence written so far is under --out; run again once the cause is fixed.");
    return 2;
}
