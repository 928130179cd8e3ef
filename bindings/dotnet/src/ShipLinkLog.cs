using System;
using System.Threading;

namespace ShipLink
{
    /// <summary>Severity of a log line; a handler set at one level receives it and the more severe ones.</summary>
    public enum ShipLinkLogLevel
    {
        Error = 1,
        Warn = 2,
        Info = 3,
        Debug = 4,
    }

    /// <summary>Routes shiplink's log lines (requests, retries, reconciliation) into the host's own
    /// logging. Process-wide. Lines never contain the token, webhook secrets or signatures.</summary>
    public static class ShipLinkLog
    {
        // The delegate handed to native code lives as long as the process, so the library can
        // never call into a collected thunk, whatever a racing SetHandler does.
        private static readonly NativeMethods.LogCallback Thunk = Deliver;
        private static readonly object Gate = new object();
        private static Action<ShipLinkLogLevel, string> handler;

        /// <summary>Sends lines at <paramref name="maxLevel"/> or more severe to
        /// <paramref name="handler"/>; null stops logging. The handler may be called from any thread
        /// that is inside a shiplink call, so it must be thread-safe; exceptions it throws are
        /// swallowed (they must not unwind through native code).</summary>
        public static void SetHandler(Action<ShipLinkLogLevel, string> handler,
                                      ShipLinkLogLevel maxLevel = ShipLinkLogLevel.Info)
        {
            lock (Gate)
            {
                if (handler == null)
                {
                    NativeMethods.shiplink_set_log_callback(0, null, IntPtr.Zero);
                    Volatile.Write(ref ShipLinkLog.handler, null);
                }
                else
                {
                    Volatile.Write(ref ShipLinkLog.handler, handler);
                    NativeMethods.shiplink_set_log_callback((int)maxLevel, Thunk, IntPtr.Zero);
                }
            }
        }

        private static void Deliver(int level, IntPtr message, IntPtr userData)
        {
            try
            {
                Action<ShipLinkLogLevel, string> current = Volatile.Read(ref handler);
                if (current != null) current((ShipLinkLogLevel)level, Utf8.FromNative(message));
            }
            catch
            {
                // Never let a managed exception unwind into the library.
            }
        }
    }
}
