# COINr 1.1.14 reference values of the extra methods, for scripts/check_against_coinr.py.
# Reads from the folder in the first argument: x.csv (uCode + the values the normalisers see),
# meta.csv (iCode, Direction, Target), and per pillar agg_<pillar>.csv (complete-case
# normalised scores) with w_<pillar>.csv (iCode, Weight). Writes fracmax.csv, borda.csv,
# dist2targ.csv (x·direction first, as Normalise does; scaled by 100 where COINr gives 0-1),
# hmean_<pillar>.csv and copeland_<pillar>.csv.
suppressPackageStartupMessages(library(COINr))
dir <- commandArgs(trailingOnly = TRUE)[1]
x <- read.csv(file.path(dir, "x.csv"), stringsAsFactors = FALSE)
x[-1] <- lapply(x[-1], as.numeric)
meta <- read.csv(file.path(dir, "meta.csv"), stringsAsFactors = FALSE)
fmt <- function(df) {
  df[-1] <- lapply(df[-1], function(v) ifelse(is.na(v), "", sprintf("%.17g", v)))
  df
}
out <- function(f) {
  res <- data.frame(uCode = x$uCode)
  for (i in seq_len(nrow(meta))) {
    code <- meta$iCode[i]
    res[[code]] <- f(x[[code]], meta$Direction[i], meta$Target[i])
  }
  fmt(res)
}
write.csv(out(function(v, d, t) 100 * n_fracmax(v)), file.path(dir, "fracmax.csv"),
          row.names = FALSE)
write.csv(out(function(v, d, t) n_borda(v * d)), file.path(dir, "borda.csv"), row.names = FALSE)
write.csv(out(function(v, d, t) 100 * n_dist2targ(v * d, t * d, direction = 1, cap_max = TRUE)),
          file.path(dir, "dist2targ.csv"), row.names = FALSE)
for (f in list.files(dir, pattern = "^agg_.*\\.csv$")) {
  pillar <- sub("^agg_(.*)\\.csv$", "\\1", f)
  X <- read.csv(file.path(dir, f), stringsAsFactors = FALSE)
  w <- read.csv(file.path(dir, paste0("w_", pillar, ".csv")), stringsAsFactors = FALSE)
  M <- as.matrix(X[w$iCode])
  h <- apply(M, 1, function(r) if (any(r == 0)) NA else a_hmean(r, w$Weight))  # COINr stops on 0
  cp <- a_copeland(M, w$Weight)
  write.csv(fmt(data.frame(uCode = X$uCode, hmean = h)),
            file.path(dir, paste0("hmean_", pillar, ".csv")), row.names = FALSE)
  write.csv(fmt(data.frame(uCode = X$uCode, copeland = cp)),
            file.path(dir, paste0("copeland_", pillar, ".csv")), row.names = FALSE)
}
