use super::coded::coded_enum;

coded_enum! {
    /// What kind of body an organisation is.
    OrgKind, "org-kind" {
        Government => "government",
        Ngo => "ngo",
        Donor => "donor",
        International => "international",
    }
}
