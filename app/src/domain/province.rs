use super::coded::coded_enum;

coded_enum! {
    /// Cambodia's capital and 24 provinces; names live in the Fluent files.
    Province, "province" {
        BanteayMeanchey => "banteay-meanchey",
        Battambang => "battambang",
        KampongCham => "kampong-cham",
        KampongChhnang => "kampong-chhnang",
        KampongSpeu => "kampong-speu",
        KampongThom => "kampong-thom",
        Kampot => "kampot",
        Kandal => "kandal",
        Kep => "kep",
        KohKong => "koh-kong",
        Kratie => "kratie",
        Mondulkiri => "mondulkiri",
        OddarMeanchey => "oddar-meanchey",
        Pailin => "pailin",
        PhnomPenh => "phnom-penh",
        PreahSihanouk => "preah-sihanouk",
        PreahVihear => "preah-vihear",
        PreyVeng => "prey-veng",
        Pursat => "pursat",
        Ratanakiri => "ratanakiri",
        SiemReap => "siem-reap",
        StungTreng => "stung-treng",
        SvayRieng => "svay-rieng",
        Takeo => "takeo",
        TbongKhmum => "tbong-khmum",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_twenty_five() {
        assert_eq!(Province::ALL.len(), 25);
        assert_eq!(Province::parse("siem-reap"), Some(Province::SiemReap));
    }
}
