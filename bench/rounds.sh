# Shared by bench/gui_vs_cli.sh, bench/worker_vs_cli.sh and bench/window_stop_ab.sh (sourced, not run).

mean_after_first() { # numbers on stdin, one per line -> mean of all but the first (epoch 1 fills the image cache)
  awk 'NR>1 {s+=$1; n++} END {if (n) printf "%.1f", s/n; else print "nan"}'
}

# summarise_rounds NAME BASE: lines "X B" on stdin (one per round: NAME's and BASE's images/s) -> both means, the ratio
# of the means, the median of the rounds' ratios and their geometric mean. The rounds' ratios vary by 4-9% (sd): the
# geometric mean's approximate 95% interval (mean of the logs +- 2 standard errors) says how far the figure holds.
summarise_rounds() {
  local pairs
  pairs=$(cat)
  echo "$pairs" | awk -v a="$1" -v b="$2" '{x += $1; y += $2; n++}
    END {printf "%s images/s (mean of rounds): %.1f\n%s images/s (mean of rounds): %.1f\n%s/%s ratio of the means: %.3f\n", b, y/n, a, x/n, a, b, x/y}'
  echo "$pairs" | awk '{print $1/$2}' | sort -g | awk -v t="$1/$2" '{v[NR]=$1}
    END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%s ratio: %.3f (median of %d rounds, %.3f to %.3f)\n", t, m, NR, v[1], v[NR]}'
  echo "$pairs" | awk -v t="$1/$2" '{l = log($1/$2); s += l; q += l*l; n++}
    END {m = s/n; sd = n > 1 ? sqrt((q - n*m*m)/(n-1)) : 0; se = sd/sqrt(n);
      printf "%s geometric mean: %.3f (about 95%%: %.3f to %.3f)\n", t, exp(m), exp(m - 2*se), exp(m + 2*se)}'
}
