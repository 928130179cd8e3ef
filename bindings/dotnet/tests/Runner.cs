// A self-contained test runner: every public static method marked [Test], in file and declaration
// order, each timed; prints "N passed, N failed" and exits non-zero on any failure.
// Usage: mono tests.exe [substring-of-test-name ...]
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;

namespace ShipLink.Tests
{
    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class TestAttribute : Attribute
    {
    }

    internal sealed class AssertionException : Exception
    {
        public AssertionException(string message) : base(message) { }
    }

    internal static class Assert
    {
        public static void True(bool condition, string what)
        {
            if (!condition) throw new AssertionException(what);
        }

        public static void Equal<T>(T expected, T actual, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
            {
                throw new AssertionException(what + ": expected <" + expected + ">, got <" + actual + ">");
            }
        }

        public static void Contains(string needle, string haystack, string what)
        {
            if (haystack == null || haystack.IndexOf(needle, StringComparison.Ordinal) < 0)
            {
                throw new AssertionException(what + ": <" + needle + "> not in <" + haystack + ">");
            }
        }

        public static void NotContains(string needle, string haystack, string what)
        {
            if (haystack != null && haystack.IndexOf(needle, StringComparison.Ordinal) >= 0)
            {
                throw new AssertionException(what + ": <" + needle + "> found in <" + haystack + ">");
            }
        }

        /// <summary>Runs <paramref name="action"/> and returns the exception, which must be exactly a
        /// <typeparamref name="T"/> (not a subclass: the mapping is what is under test).</summary>
        public static T Throws<T>(Action action, string what) where T : Exception
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                if (e.GetType() == typeof(T)) return (T)e;
                throw new AssertionException(what + ": expected " + typeof(T).Name + ", got " + e.GetType().Name + ": " + e.Message);
            }
            throw new AssertionException(what + ": expected " + typeof(T).Name + ", nothing was thrown");
        }
    }

    internal static class Runner
    {
        private static int Main(string[] args)
        {
            var tests = typeof(Runner).Assembly.GetTypes()
                .Where(t => t.Namespace == "ShipLink.Tests")
                .OrderBy(t => t.MetadataToken)
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static)
                                  .Where(m => m.IsDefined(typeof(TestAttribute), false))
                                  .OrderBy(m => m.MetadataToken))
                .Where(m => args.Length == 0 || args.Any(a => Name(m).IndexOf(a, StringComparison.OrdinalIgnoreCase) >= 0))
                .ToList();
            Console.WriteLine("shiplink " + ShipLinkClient.Version + ", " + tests.Count + " tests, sandbox " + Sandbox.Url);
            int passed = 0, failed = 0;
            var total = Stopwatch.StartNew();
            foreach (MethodInfo test in tests)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    test.Invoke(null, null);
                    passed++;
                    Console.WriteLine("ok   " + Name(test) + " (" + clock.ElapsedMilliseconds + " ms)");
                }
                catch (TargetInvocationException wrapped)
                {
                    failed++;
                    Exception e = wrapped.InnerException;
                    Console.WriteLine("FAIL " + Name(test) + " (" + clock.ElapsedMilliseconds + " ms)");
                    Console.WriteLine("     " + (e is AssertionException ? e.Message : e.ToString()).Replace("\n", "\n     "));
                }
            }
            Console.WriteLine(passed + " passed, " + failed + " failed (" + total.Elapsed.TotalSeconds.ToString("0.0") + " s)");
            return failed == 0 && tests.Count > 0 ? 0 : 1;
        }

        private static string Name(MethodInfo m)
        {
            return m.DeclaringType.Name + "." + m.Name;
        }
    }
}
