using System.Text.RegularExpressions;
using NUnit.Framework;
using Verification.Probes.Controls;

namespace Verification.Probes.Tests.Controls;

public sealed partial class CatalogTests
{
    private static IEnumerable<Control> Controls => ControlCatalog.All;

    [GeneratedRegex(@"^164\.3(0[268]|1[0246])\([a-e]\)(\(\d+\))?(\((i|ii|iii|iv|v|vi|vii|viii|ix|x)\))?(\([A-J]\))?$")]
    private static partial Regex Citation();

    [Test]
    public void Control_ids_are_unique()
    {
        var ids = Controls.Select(c => c.Id).ToList();

        Assert.That(ids, Is.Unique);
    }

    [TestCaseSource(nameof(Controls))]
    public void Control_metadata_is_complete(Control control)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(control.Title, Is.Not.Empty.And.Not.StartsWith("Ensure"), "title states the secure condition");
            Assert.That(control.Area, Is.Not.Empty);
            Assert.That(control.Service, Is.Not.Empty);
            Assert.That(control.Risk, Is.Not.Empty);
            Assert.That(control.Remediation, Is.Not.Empty);
        }
    }

    [TestCaseSource(nameof(Controls))]
    public void Control_citations_are_security_rule_sections(Control control)
    {
        Assert.That(control.Hipaa, Has.All.Matches<string>(c => c is not null && Citation().IsMatch(c)));
    }
}
