// ICULocaleNames.swift — CLDR display names of regions, from ICU's locale data.
internal import CICU

/// Country and region names from the CLDR data shipped with ICU.
///
///     ICULocaleNames.regionName("LY", in: "ar")   // "ليبيا"
///     ICULocaleNames.regionName("LY", in: "en")   // "Libya"
public enum ICULocaleNames {
    /// The display name of an ISO 3166 region code in a display locale, or nil when
    /// ICU has no name (it then echoes the code back).
    public static func regionName(_ region: String, in locale: String) -> String? {
        let (out, status) = region.withCString { r in
            locale.withCString { l in
                withGrowingUTF16Buffer(initialCapacity: 64) { dst, cap, st in
                    bx_region_display_name(r, l, dst, cap, &st)
                }
            }
        }
        if icuFailed(status) || out.isEmpty { return nil }
        let name = String(decoding: out, as: UTF16.self)
        return name == region ? nil : name
    }

    /// Every ISO 3166-1 alpha-2 code ICU knows.
    public static var regionCodes: [String] {
        (0..<bx_region_count()).compactMap { i in bx_region_code(i).map { String(cString: $0) } }
    }
}
