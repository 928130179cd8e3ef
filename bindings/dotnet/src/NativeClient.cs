// The native half of an API client class: its handle, the Dispose that frees it, and the one
// path by which a call goes out (handle and UTF-8 arguments in, an owned JSON string out, a
// failing status turned into its exception by Errors).
using System;
using System.Threading;

namespace ShipLink
{
    /// <summary>A native function that writes an owned JSON string to <paramref name="json"/>
    /// (NULL on failure) and returns a shiplink_status. Calls with other argument shapes are
    /// written as a lambda of this type over their arguments.</summary>
    internal delegate int JsonFunction<THandle>(THandle handle, out IntPtr json);

    /// <summary>The shape of most calls: one JSON or name argument, e.g. <c>shiplink_accept</c>.</summary>
    internal delegate int JsonFunction1<THandle>(THandle handle, byte[] a, out IntPtr json);

    /// <summary>Two string arguments, e.g. a resource and its query.</summary>
    internal delegate int JsonFunction2<THandle>(THandle handle, byte[] a, byte[] b, out IntPtr json);

    /// <summary>Three string arguments, e.g. an id, a body and a precondition.</summary>
    internal delegate int JsonFunction3<THandle>(THandle handle, byte[] a, byte[] b, byte[] c, out IntPtr json);

    /// <summary>Holds one client's native handle for the public class that wraps it. Thread-safe,
    /// as the native clients are.</summary>
    internal sealed class NativeClient<THandle> where THandle : NativeHandle<THandle>
    {
        private readonly THandle handle;
        // Named by ObjectDisposedException: the public class the caller knows.
        private readonly Type owner;
        // Set by Dispose. The handle alone cannot say "disposed" while calls are in flight: it only
        // closes when the last one returns, and would keep admitting new calls until then.
        private int disposed;

        /// <param name="handle">A live handle, as <see cref="NativeHandle{TSelf}.Adopt"/> returns it.</param>
        /// <param name="owner">The public client class.</param>
        internal NativeClient(THandle handle, Type owner)
        {
            this.handle = handle;
            this.owner = owner;
        }

        /// <summary>The handle, for calls made outside <see cref="With{T}"/> (tests of the C ABI's
        /// own checks).</summary>
        /// <exception cref="ObjectDisposedException">after <see cref="Dispose"/>.</exception>
        internal THandle Handle
        {
            get
            {
                ThrowIfDisposed();
                return handle;
            }
        }

        internal void ThrowIfDisposed()
        {
            if (Volatile.Read(ref disposed) != 0 || handle.IsClosed)
            {
                throw new ObjectDisposedException(owner.FullName);
            }
        }

        /// <summary>Runs a native call holding a reference on the handle, so that a Dispose racing
        /// it on another thread frees the client only after the call's error detail has been read
        /// (the client's <c>_free</c>, run on this thread, would clear it).</summary>
        internal T With<T>(Func<THandle, T> call)
        {
            ThrowIfDisposed();
            bool leased = false;
            try
            {
                handle.DangerousAddRef(ref leased); // ObjectDisposedException if Dispose just won
                return call(handle);
            }
            finally
            {
                if (leased) handle.DangerousRelease();
            }
        }

        /// <summary>The JSON a call returns, or the exception for its failure; the string is freed
        /// either way.</summary>
        internal string Json(JsonFunction<THandle> function)
        {
            return With(client =>
            {
                IntPtr json;
                int status = function(client, out json);
                return Errors.TakeResult(status, json);
            });
        }

        internal string Json(JsonFunction1<THandle> function, byte[] a)
        {
            return Json((THandle client, out IntPtr json) => function(client, a, out json));
        }

        internal string Json(JsonFunction2<THandle> function, byte[] a, byte[] b)
        {
            return Json((THandle client, out IntPtr json) => function(client, a, b, out json));
        }

        internal string Json(JsonFunction3<THandle> function, byte[] a, byte[] b, byte[] c)
        {
            return Json((THandle client, out IntPtr json) => function(client, a, b, c, out json));
        }

        /// <summary>Releases the native client. Safe to call more than once, and while other threads
        /// are mid-call (the release waits for them).</summary>
        internal void Dispose()
        {
            Interlocked.Exchange(ref disposed, 1);
            handle.Dispose();
        }
    }
}
