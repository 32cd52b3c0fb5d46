namespace Verification.Compliance;

// One fixture per area so test explorers and reports group controls the way the README does.

public sealed class Governance : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Governance" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class Encryption : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Encryption" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class Retention : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Retention" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class PrivateAccess : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Private access" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class ServiceConnect : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Service Connect" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class StackOutputs : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Outputs" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class Containers : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Containers" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class Network : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Network" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class LoadBalancer : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Load balancer" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class Tags : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Tags" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class KeyManagement : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Key management" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class Database : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Database" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class Cache : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Cache" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class Secrets : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Secrets" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class StateBucket : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "State bucket" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class ThreatDetection : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Threat detection" })]
    public void Control(string id) => AssertControl(id);
}

public sealed class Audit : ControlAssertions
{
    [TestCaseSource(typeof(ControlAssertions), nameof(In), new object[] { "Audit" })]
    public void Control(string id) => AssertControl(id);
}
