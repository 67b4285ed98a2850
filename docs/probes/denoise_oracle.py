"""Research probe (not the product): where the demo's headroom is. On the demo region (odd slices held out; the
test slices as grid_probe.py has them), how much of the error is interpolation and how much is noise: trilinear
interpolation of the noise-free slices, classical denoisers (Gaussian, total variation, non-local means, wavelets) run
on the known slices with their parameters tuned on the test slices themselves (an oracle), then trilinear
interpolation, and how fast the noise-free volume changes along z.

    bin/scrollwork phantom --out DIR --format nrrd
    /usr/bin/python3 docs/probes/denoise_oracle.py DIR
"""
import sys, numpy as np, math, time
D = sys.argv[1]
from scipy import ndimage
def rd(p):
    raw=open(p,'rb').read(); return np.frombuffer(raw[raw.index(b'\n\n')+2:],dtype=np.uint8).reshape(64,96,96)
vol=rd(D + '/scan-4um-54keV.nrrd')[16:48,16:80,16:80].astype(np.float64)
cl=rd(D + '/clean-4um-54keV.nrrd')[16:48,16:80,16:80].astype(np.float64)
test=np.array([z for z in range(1,31,2) if z not in (7,15,23)])
def psnr(a,b): return 10*math.log10(255**2/np.mean((a-b)**2))
known=vol[0::2]  # 16 slices z=0,2,..30
kc=cl[0::2]
def score(den,name):
    full=np.zeros_like(vol); full[0::2]=den
    tri=(full[test-1]+full[test+1])/2
    print('%-35s known vs clean %.2f | test vs clean %.2f vs scan %.2f'%(name,psnr(den,kc),psnr(tri,cl[test]),psnr(tri,vol[test])))
score(known,'none')
for sz in (0.5,1.0,1.5,2.0):
  for sxy in (0.0,0.5,0.7):
    score(ndimage.gaussian_filter(known,(sz,sxy,sxy)),'gauss z%.1f xy%.1f'%(sz,sxy))
try:
    from skimage.restoration import denoise_nl_means, denoise_tv_chambolle, denoise_wavelet
    for w in (0.05,0.1,0.15):
        score(denoise_tv_chambolle(known/255.,weight=w)*255,'tv %.2f'%w)
    for h in (0.4,0.5,0.6,0.8):
        t=time.time(); d=denoise_nl_means(known/255.,patch_size=3,patch_distance=5,h=h*15/255.,sigma=15/255.,fast_mode=True,channel_axis=None)*255
        score(d,'nlm h=%.1fσ (%.0fs)'%(h,time.time()-t))
    score(denoise_wavelet(known/255.,sigma=15/255.,rescale_sigma=True)*255,'wavelet')
except Exception as e: print('skimage',e)

print('trilinear of the noise-free slices vs noise-free %.2f' % psnr((cl[test - 1] + cl[test + 1]) / 2, cl[test]))
print('noise-free column mean (one value per x, y) vs noise-free %.2f' % psnr(np.broadcast_to(cl.mean(0), cl.shape), cl))
for s in (1, 2, 4):
    print('noise-free smoothed along z, sigma %d voxels, vs noise-free %.2f' % (s, psnr(ndimage.gaussian_filter1d(cl, s, axis=0), cl)))
r = cl - cl.mean(0); P = (np.abs(np.fft.rfft(r, axis=0)) ** 2).mean((1, 2))
print('share of the noise-free z variation at 1, 2, 3 cycles per 32 slices: %.0f %%, %.0f %%, %.0f %%' % tuple(100 * P[1:4] / P.sum()))
