"""Reference value for GroupEffectTest: scipy.stats.kruskal's H (with its tie correction switched off
by using untied data) for three fixed groups. Run: python3 kruskal_reference.py"""
from scipy.stats import kruskal
a = [1.9, 2.1, 2.05, 1.97, 2.2]
b = [1.1, 1.4, 1.25, 0.95]
c = [1.6, 1.5, 1.72]
print(repr(kruskal(a, b, c).statistic))
