# The COINr 1.1.14 reference for scripts/check_against_coinr.py (run by it; not part of the
# library, and CI has no R). Reads iData.csv and iMeta.csv from the folder given as the first
# argument and writes there: treated.csv (Treat() defaults on the Raw data), normalised.csv
# (Normalise() defaults on Raw: min-max to [0, 100] with directions), normalised_treated.csv,
# cronbach.csv (get_cronbach on dset = "Normalised" per pillar, pairwise missing) and
# eff_weights.csv (get_eff_weights).
suppressPackageStartupMessages(library(COINr))
dir <- commandArgs(trailingOnly = TRUE)[1]
iData <- read.csv(file.path(dir, "iData.csv"), stringsAsFactors = FALSE)
iData[-1] <- lapply(iData[-1], as.numeric)  # an all-missing column reads as logical
iMeta <- read.csv(file.path(dir, "iMeta.csv"), stringsAsFactors = FALSE)
iMeta$Parent[iMeta$Parent == ""] <- NA
coin <- new_coin(iData, iMeta, quietly = TRUE)
coin <- suppressWarnings(Treat(coin, dset = "Raw"))
coin <- suppressWarnings(Normalise(coin, dset = "Raw"))  # all-missing columns warn
coin <- suppressWarnings(Normalise(coin, dset = "Treated", write_to = "NormTreated"))
write_out <- function(dset, name) {
  df <- get_dset(coin, dset)
  numeric <- vapply(df, is.numeric, logical(1))
  df[numeric] <- lapply(df[numeric], function(v) ifelse(is.na(v), "", sprintf("%.17g", v)))
  write.csv(df, file.path(dir, name), row.names = FALSE)
}
write_out("Treated", "treated.csv")
write_out("Normalised", "normalised.csv")
write_out("NormTreated", "normalised_treated.csv")
pillars <- iMeta$iCode[!is.na(iMeta$Level) & iMeta$Level == 2]
alpha <- sapply(pillars, function(p) get_cronbach(coin, dset = "Normalised", iCodes = p, Level = 1))
write.csv(data.frame(pillar = pillars, alpha = sprintf("%.17g", alpha)),
          file.path(dir, "cronbach.csv"), row.names = FALSE)
eff <- get_eff_weights(coin)
eff$EffWeight <- sprintf("%.17g", eff$EffWeight)
write.csv(eff, file.path(dir, "eff_weights.csv"), row.names = FALSE)
dets <- coin$Analysis$Treated$Dets_Table
write.csv(dets, file.path(dir, "treat_details.csv"), row.names = FALSE)
