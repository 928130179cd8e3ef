using System;

namespace ShipLink
{
    /// <summary>The client configuration. Unset (null) properties take the library's defaults,
    /// listed in the README's "Configuration" table; the library checks every value.</summary>
    public sealed class ShipLinkConfig
    {
        /// <summary>Required: <c>https://tenant.example.com</c>; <c>/rest/{store_code}/V1</c> is added.
        /// Plain http:// is refused except to loopback unless <see cref="AllowInsecureHttp"/>.</summary>
        public string BaseUrl { get; set; }

        /// <summary>Required: the bearer token. It never appears in an error or a log line.</summary>
        public string Token { get; set; }

        /// <summary>The store code of the path; default <c>"all"</c>.</summary>
        public string StoreCode { get; set; }

        /// <summary>Per-attempt request timeout; default 30 s.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>Per-attempt connect timeout; default 10 s.</summary>
        public TimeSpan? ConnectTimeout { get; set; }

        /// <summary>Retries after the first attempt (at most 10); default 3.</summary>
        public int? MaxRetries { get; set; }

        /// <summary>Backoff base (<c>base·2^n</c>); default 500 ms.</summary>
        public TimeSpan? RetryBase { get; set; }

        /// <summary>Backoff cap; default 5 s.</summary>
        public TimeSpan? RetryMax { get; set; }

        /// <summary>Longest <c>Retry-After</c> waited out; longer fails as RATE_LIMITED. Default 60 s.</summary>
        public TimeSpan? RetryAfterMax { get; set; }

        /// <summary>Larger responses fail as DECODE; default 16 MiB.</summary>
        public long? MaxResponseBytes { get; set; }

        /// <summary>A PEM file of extra root certificates, trusted besides the platform's.</summary>
        public string CaFile { get; set; }

        /// <summary><c>http://host:port</c> or <c>socks5://host:port</c>.</summary>
        public string Proxy { get; set; }

        /// <summary>Appended to <c>shiplink/&lt;version&gt;</c>.</summary>
        public string UserAgent { get; set; }

        /// <summary>Allow plain http:// to hosts other than loopback; default false.</summary>
        public bool? AllowInsecureHttp { get; set; }

        // The JSON handed to shiplink_client_new. Not public: it holds the token.
        internal string ToJson()
        {
            return new JsonObjectWriter()
                .Add("base_url", BaseUrl)
                .Add("token", Token)
                .Add("store_code", StoreCode)
                .Add("timeout_ms", Milliseconds(Timeout))
                .Add("connect_timeout_ms", Milliseconds(ConnectTimeout))
                .Add("max_retries", MaxRetries)
                .Add("retry_base_ms", Milliseconds(RetryBase))
                .Add("retry_max_ms", Milliseconds(RetryMax))
                .Add("retry_after_max_ms", Milliseconds(RetryAfterMax))
                .Add("max_response_bytes", MaxResponseBytes)
                .Add("ca_file", CaFile)
                .Add("proxy", Proxy)
                .Add("user_agent", UserAgent)
                .Add("allow_insecure_http", AllowInsecureHttp)
                .ToString();
        }

        // Whole milliseconds, rounded up so a small positive span never becomes 0. A negative span
        // is sent as is and refused by the library, which names the key.
        private static long? Milliseconds(TimeSpan? span)
        {
            if (!span.HasValue) return null;
            long ticks = span.Value.Ticks;
            long ms = ticks / TimeSpan.TicksPerMillisecond;
            return ticks > 0 && ticks % TimeSpan.TicksPerMillisecond != 0 ? ms + 1 : ms;
        }
    }
}
