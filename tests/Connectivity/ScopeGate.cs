namespace Verification.Connectivity;

/// <summary>Stops a data-path test when connectivity is not in scope, with the words the gate's policy looks for.</summary>
internal static class ScopeGate
{
    public static void RequireInScope()
    {
        if (!ConnectivitySettings.Current.InScope)
            Assert.Ignore("not in scope for this run: ConnectivityInScope is false (set it in the runsettings or VERIFY_CONNECTIVITY_IN_SCOPE=true).");
    }
}
