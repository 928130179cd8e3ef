// JSON on the BCL alone: reading goes through JsonReaderWriterFactory (System.Runtime.Serialization,
// part of .NET Framework, mono and netstandard2.0), which presents JSON as an XML infoset; writing
// is only ever a configuration object of strings and numbers, quoted here.
using System;
using System.Globalization;
using System.IO;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;

namespace ShipLink
{
    internal static class JsonXml
    {
        /// <summary>Parses JSON text into the infoset's root element (<c>&lt;root type="object"&gt;</c>).</summary>
        /// <exception cref="XmlException">the text is not JSON.</exception>
        internal static XmlElement Load(string json)
        {
            byte[] bytes = new UTF8Encoding(false, false).GetBytes(json);
            using (XmlDictionaryReader reader = JsonReaderWriterFactory.CreateJsonReader(bytes, XmlDictionaryReaderQuotas.Max))
            {
                var doc = new XmlDocument();
                doc.Load(reader);
                return doc.DocumentElement;
            }
        }

        /// <summary>The JSON type of an element: "object", "array", "string", "number", "boolean" or "null".</summary>
        internal static string TypeOf(XmlElement e)
        {
            string type = e.GetAttribute("type");
            return type.Length == 0 ? "string" : type;
        }

        /// <summary>The key an element stands for. Keys that are not XML names are written
        /// <c>&lt;a:item xmlns:a="item" item="the key"&gt;</c>.</summary>
        internal static string KeyOf(XmlElement e)
        {
            return e.NamespaceURI == "item" && e.LocalName == "item" ? e.GetAttribute("item") : e.LocalName;
        }

        /// <summary>The member <paramref name="key"/> of a JSON object, or null.</summary>
        internal static XmlElement Member(XmlElement obj, string key)
        {
            if (obj == null || TypeOf(obj) != "object") return null;
            foreach (XmlNode node in obj.ChildNodes)
            {
                var e = node as XmlElement;
                if (e != null && KeyOf(e) == key) return e;
            }
            return null;
        }

        /// <summary>A value back as JSON text.</summary>
        internal static string ToJson(XmlElement value)
        {
            // The writer wants a top element named "root": copy the value under that name.
            var doc = new XmlDocument();
            XmlElement root = doc.CreateElement("root");
            foreach (XmlAttribute attribute in value.Attributes)
            {
                if (attribute.NamespaceURI.Length == 0 && attribute.LocalName == "type") root.SetAttribute("type", attribute.Value);
            }
            foreach (XmlNode child in value.ChildNodes) root.AppendChild(doc.ImportNode(child, true));
            using (var stream = new MemoryStream())
            {
                using (XmlDictionaryWriter writer = JsonReaderWriterFactory.CreateJsonWriter(stream, new UTF8Encoding(false), false))
                {
                    root.WriteTo(writer);
                }
                return new UTF8Encoding(false, false).GetString(stream.ToArray());
            }
        }

        internal static int? Int(XmlElement e)
        {
            if (e == null || TypeOf(e) != "number") return null;
            int n;
            return int.TryParse(e.InnerText, NumberStyles.Integer, CultureInfo.InvariantCulture, out n) ? n : (int?)null;
        }

        internal static string String(XmlElement e)
        {
            return e == null || TypeOf(e) != "string" ? null : e.InnerText;
        }
    }

    /// <summary>Writes the flat JSON objects the binding sends (the client configuration).</summary>
    internal sealed class JsonObjectWriter
    {
        private readonly StringBuilder text = new StringBuilder("{");

        internal JsonObjectWriter Add(string key, string value)
        {
            if (value != null) Key(key).Append(Quote(value));
            return this;
        }

        internal JsonObjectWriter Add(string key, long? value)
        {
            if (value.HasValue) Key(key).Append(value.Value.ToString(CultureInfo.InvariantCulture));
            return this;
        }

        internal JsonObjectWriter Add(string key, bool? value)
        {
            if (value.HasValue) Key(key).Append(value.Value ? "true" : "false");
            return this;
        }

        public override string ToString()
        {
            return text.ToString() + "}";
        }

        private StringBuilder Key(string key)
        {
            if (text.Length > 1) text.Append(',');
            return text.Append(Quote(key)).Append(':');
        }

        /// <summary>A JSON string literal. Unpaired surrogates pass through here and are refused
        /// by the strict UTF-8 encoding on the way out.</summary>
        internal static string Quote(string s)
        {
            var quoted = new StringBuilder(s.Length + 2);
            quoted.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': quoted.Append("\\\""); break;
                    case '\\': quoted.Append("\\\\"); break;
                    case '\n': quoted.Append("\\n"); break;
                    case '\r': quoted.Append("\\r"); break;
                    case '\t': quoted.Append("\\t"); break;
                    default:
                        if (c < 0x20) quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else quoted.Append(c);
                        break;
                }
            }
            return quoted.Append('"').ToString();
        }
    }

    /// <summary>The fields of <c>shiplink_last_error()</c>:
    /// <c>{"status","code","message","http_status","body","attempts"}</c>.</summary>
    internal sealed class ErrorDetail
    {
        internal string Message;
        internal int? HttpStatus;
        internal string Body;
        internal string ServerCode;
        internal int Attempts;

        internal static ErrorDetail Parse(string json)
        {
            var detail = new ErrorDetail();
            if (json == null) return detail;
            XmlElement root;
            try
            {
                root = JsonXml.Load(json);
            }
            catch (XmlException)
            {
                detail.Message = json; // not expected; keep the text rather than lose it
                return detail;
            }
            detail.Message = JsonXml.String(JsonXml.Member(root, "message"));
            detail.HttpStatus = JsonXml.Int(JsonXml.Member(root, "http_status"));
            detail.Attempts = JsonXml.Int(JsonXml.Member(root, "attempts")) ?? 0;
            XmlElement body = JsonXml.Member(root, "body");
            if (body != null)
            {
                switch (JsonXml.TypeOf(body))
                {
                    case "null": break;
                    case "string": detail.Body = body.InnerText; break; // the server sent text, not JSON
                    default:
                        detail.Body = JsonXml.ToJson(body);
                        detail.ServerCode = JsonXml.String(JsonXml.Member(body, "code"));
                        break;
                }
            }
            return detail;
        }
    }
}
