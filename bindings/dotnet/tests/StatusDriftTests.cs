// ShipLinkStatus and the status-to-exception mapping against the C header: a status added to or
// renumbered in include/shiplink.h fails here until the binding follows.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace ShipLink.Tests
{
    public static class StatusDriftTests
    {
        private static readonly Regex StatusEnum = new Regex(
            @"enum\s+shiplink_status\s*\{(?<body>[^}]*)\}", RegexOptions.Singleline);

        private static readonly Regex StatusLine = new Regex(
            @"^\s*SHIPLINK_(?<name>[A-Z0-9_]+)\s*=\s*(?<number>-?\d+)\s*,", RegexOptions.Multiline);

        [Test]
        public static void TheHeadersStatusesAllHaveAnEnumValueAndAnException()
        {
            string path = HeaderPath();
            List<string> drift = Drift(File.ReadAllText(path));
            Assert.True(drift.Count == 0, path + " and the binding disagree:\n" + string.Join("\n", drift));
        }

        [Test]
        public static void ANewStatusInTheHeaderIsReported()
        {
            string header = File.ReadAllText(HeaderPath());
            string grown = header.Replace("} shiplink_status;", "  SHIPLINK_NEW_THING = 19,\n} shiplink_status;");
            Assert.True(grown != header, "the header closes its status enum with \"} shiplink_status;\"");
            string drift = string.Join("\n", Drift(grown));
            Assert.Contains("no ShipLinkStatus.NewThing for SHIPLINK_NEW_THING = 19", drift, "the enum lacks it");
            Assert.Contains("SHIPLINK_NEW_THING = 19 becomes a plain ShipLinkException", drift, "Errors lacks it");
        }

        [Test]
        public static void ARenumberedStatusIsReported()
        {
            string header = File.ReadAllText(HeaderPath());
            string renumbered = header.Replace("SHIPLINK_TLS = 12,", "SHIPLINK_TLS = 21,");
            Assert.True(renumbered != header, "the header has SHIPLINK_TLS = 12");
            string drift = string.Join("\n", Drift(renumbered));
            Assert.Contains("ShipLinkStatus.Tls is 12, SHIPLINK_TLS = 21", drift, "the number differs");
        }

        [Test]
        public static void AStatusMissingFromTheHeaderIsReported()
        {
            string header = File.ReadAllText(HeaderPath());
            string shrunk = header.Replace("SHIPLINK_TLS = 12,", "");
            Assert.True(shrunk != header, "the header has SHIPLINK_TLS = 12");
            Assert.Contains("ShipLinkStatus.Tls is not in the header", string.Join("\n", Drift(shrunk)), "an extra enum value");
        }

        /// <summary>Every disagreement between the header's <c>shiplink_status</c> and the binding:
        /// a <c>SHIPLINK_&lt;NAME&gt; = &lt;n&gt;,</c> with no <see cref="ShipLinkStatus"/> value of that
        /// name (BAD_REQUEST is BadRequest) or with another number, a failing status that
        /// <see cref="Errors.Create"/> turns into no exception of its own, and an enum value the
        /// header does not have. Empty when they are in step.</summary>
        internal static List<string> Drift(string header)
        {
            var drift = new List<string>();
            Match block = StatusEnum.Match(header);
            if (!block.Success)
            {
                drift.Add("no \"enum shiplink_status { … }\" in the header");
                return drift;
            }
            var named = new HashSet<string>();
            foreach (Match line in StatusLine.Matches(block.Groups["body"].Value))
            {
                string cName = line.Groups["name"].Value;
                int number = int.Parse(line.Groups["number"].Value, CultureInfo.InvariantCulture);
                string c = "SHIPLINK_" + cName + " = " + number;
                string name = PascalCase(cName);
                named.Add(name);
                if (!Enum.GetNames(typeof(ShipLinkStatus)).Contains(name))
                {
                    drift.Add("no ShipLinkStatus." + name + " for " + c);
                }
                else
                {
                    int value = (int)Enum.Parse(typeof(ShipLinkStatus), name);
                    if (value != number) drift.Add("ShipLinkStatus." + name + " is " + value + ", " + c);
                }
                if (cName == "OK" || cName == "DONE")
                {
                    // Not failures: the binding tests for them by number, and never raises them.
                    int expected = cName == "OK" ? NativeMethods.Ok : NativeMethods.Done;
                    if (expected != number) drift.Add("NativeMethods." + name + " is " + expected + ", " + c);
                    continue;
                }
                ShipLinkException e = Errors.Create((ShipLinkStatus)number, "m", null, null, 0);
                if (e.GetType() == typeof(ShipLinkException))
                {
                    drift.Add(c + " becomes a plain ShipLinkException: Errors.Create has no case for it");
                }
                else if ((int)e.Status != number)
                {
                    drift.Add(c + " becomes a " + e.GetType().Name + " whose Status is " + (int)e.Status);
                }
            }
            if (named.Count == 0) drift.Add("no SHIPLINK_<NAME> = <n>, line in the status enum");
            foreach (string name in Enum.GetNames(typeof(ShipLinkStatus)))
            {
                if (!named.Contains(name)) drift.Add("ShipLinkStatus." + name + " is not in the header");
            }
            return drift;
        }

        /// <summary>"BAD_REQUEST" as the enum spells it: "BadRequest".</summary>
        private static string PascalCase(string cName)
        {
            var name = new StringBuilder();
            foreach (string word in cName.Split(new[] { '_' }, StringSplitOptions.RemoveEmptyEntries))
            {
                name.Append(word.Substring(0, 1)).Append(word.Substring(1).ToLowerInvariant());
            }
            return name.ToString();
        }

        /// <summary>include/shiplink.h, looked for from the current directory (the repository root when
        /// scripts/test-dotnet runs the suite) and then from the test assembly's directory, each
        /// walking up to the file system's root.</summary>
        private static string HeaderPath()
        {
            var starts = new[] { Directory.GetCurrentDirectory(), AppDomain.CurrentDomain.BaseDirectory };
            foreach (string start in starts)
            {
                for (DirectoryInfo dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                {
                    string path = Path.Combine(Path.Combine(dir.FullName, "include"), "shiplink.h");
                    if (File.Exists(path)) return path;
                }
            }
            throw new AssertionException("include/shiplink.h not found above " + string.Join(" or ", starts) +
                                         "; run the suite from the repository");
        }
    }
}
