// 办不成事 photos: the form's photo choice (up to REPORT_PHOTOS_MAX, each uploaded as soon as it is
// chosen, shown as a thumbnail with 删除, a refusal said in words in the page) and a report's photos
// on its page. The BFF serves a photo only with the same credentials as the report, so it is
// fetched through the API layer (downloadFile: a blob: URL on H5, a temporary file on
// mini-programs), never by an <Image> pointed at the API.
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { REPORT_PHOTOS_MAX } from '@palm/shared';
import { messageOf } from '../../api/errors';
import { discardReportPhoto, reportPhotoSrc, uploadReportPhoto, type Report } from '../../api/reports';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import './photos.scss';

interface ChosenPhoto {
  key: string;
  /** The local path chooseImage gave (a blob: URL on H5): the thumbnail. */
  path: string;
  /** The BFF's id once uploaded. */
  id: string | null;
}

const isH5 = process.env.TARO_ENV === 'h5';
let nextKey = 0;

/** The form's photos: choose, upload, 删除; `ids` go into the report's `photoIds`. */
export function usePhotoUploads(max = REPORT_PHOTOS_MAX) {
  const [photos, setPhotos] = useState<ChosenPhoto[]>([]);
  const [error, setError] = useState<string | null>(null);

  const choose = async () => {
    setError(null);
    const room = max - photos.length;
    if (room <= 0) return;
    let paths: string[];
    try {
      // On H5 the file input offers the camera on a phone itself; Taro's own menu would come first.
      const chosen = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: isH5 ? ['album'] : ['album', 'camera'] });
      paths = chosen.tempFilePaths.slice(0, room);
    } catch {
      // Cancelled: nothing to say.
      return;
    }
    for (const path of paths) {
      const key = `photo-${(nextKey += 1)}`;
      setPhotos((list) => [...list, { key, path, id: null }]);
      try {
        const { id } = await uploadReportPhoto(path, { isQuiet: true });
        setPhotos((list) => list.map((p) => (p.key === key ? { ...p, id } : p)));
      } catch (failure) {
        setPhotos((list) => list.filter((p) => p.key !== key));
        setError(messageOf(failure));
      }
    }
  };

  const remove = (key: string) => {
    setError(null);
    const photo = photos.find((p) => p.key === key);
    setPhotos((list) => list.filter((p) => p.key !== key));
    // Unattached on the BFF: deleted there too (and by the job within a day if this fails).
    if (photo?.id) discardReportPhoto(photo.id, { isQuiet: true }).catch(() => undefined);
  };

  return {
    photos,
    error,
    choose,
    remove,
    ids: photos.flatMap((p) => (p.id ? [p.id] : [])),
    isUploading: photos.some((p) => p.id === null),
    max,
  };
}

export type PhotoUploads = ReturnType<typeof usePhotoUploads>;

/** The form's photo choice. */
export function PhotoPicker({ uploads }: { uploads: PhotoUploads }) {
  const { photos, error, choose, remove, max } = uploads;
  const room = max - photos.length;
  return (
    <Card id='report-new-photos' title={`照片（可不传，最多${max}张）`}>
      <Text className='report__line palm-secondary'>可以拍下告示、回执或窗口情况，只能是jpg、png或webp格式的照片。</Text>
      {photos.length > 0 ? (
        <View className='report__photos' role='list' aria-label='已选的照片'>
          {photos.map((photo, index) => (
            <View key={photo.key} id={`report-new-photo-${index}`} className='report__photo' role='listitem'>
              <Image id={`report-new-photo-${index}-image`} className='report__photo-image' src={photo.path} mode='aspectFill' ariaLabel={`第${index + 1}张照片`} imgProps={{ alt: `第${index + 1}张照片` }} nativeProps={{ alt: `第${index + 1}张照片` }} />
              <Text className='report__line palm-secondary'>{photo.id ? '已上传' : '正在上传…'}</Text>
              <Button id={`report-new-photo-${index}-remove`} variant='secondary' isBlock isDisabled={!photo.id} onClick={() => remove(photo.key)}>
                {`删除第${index + 1}张`}
              </Button>
            </View>
          ))}
        </View>
      ) : null}
      {error ? <ErrorState id='report-new-photos-error' message={error} /> : null}
      {room > 0 ? (
        <Button id='report-new-photos-add' variant='secondary' isBlock onClick={() => void choose()}>
          {photos.length === 0 ? '添加照片' : `再添加照片（还能加${room}张）`}
        </Button>
      ) : (
        <Text id='report-new-photos-full' className='report__line palm-secondary'>{`已选${max}张，最多${max}张；要换一张请先删除。`}</Text>
      )}
    </Card>
  );
}

/**
 * A report's photos on its page, each the card's full width (no pop-up viewer: 长辈版 has none).
 * `asStaff`: read as oneself (the desk), never for the person the app may be acting for.
 */
export function ReportPhotos({ photos, asStaff = false }: { photos: Report['photos']; asStaff?: boolean }) {
  const [srcs, setSrcs] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const ids = photos.map((p) => p.id).join(',');
  useEffect(() => {
    let isLive = true;
    const made: string[] = [];
    void Promise.allSettled(photos.map((p) => reportPhotoSrc(p.url, asStaff ? { isQuiet: true, onBehalfOf: undefined } : { isQuiet: true }))).then((results) => {
      const loaded: Record<string, string> = {};
      results.forEach((result, index) => {
        if (result.status !== 'fulfilled') return;
        made.push(result.value);
        loaded[photos[index]!.id] = result.value;
      });
      if (!isLive) return revokeAll(made);
      setSrcs(loaded);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      setError(failed ? `有照片暂时打不开：${messageOf(failed.reason)}` : null);
    });
    return () => {
      isLive = false;
      revokeAll(made);
    };
    // The photos' ids name what to fetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids]);
  if (photos.length === 0) return null;
  return (
    <Card id='report-photos' title={`照片（${photos.length}张）`}>
      <View className='report__photo-column' role='list' aria-label='反映的照片'>
        {photos.map((photo, index) => (
          <View key={photo.id} id={`report-photo-${index}`} role='listitem'>
            {srcs[photo.id] ? (
              <Image id={`report-photo-${index}-image`} className='report__photo-large' src={srcs[photo.id]!} mode='aspectFit' ariaLabel={`第${index + 1}张照片`} imgProps={{ alt: `第${index + 1}张照片` }} nativeProps={{ alt: `第${index + 1}张照片` }} />
            ) : (
              <Text className='report__line palm-secondary'>{`第${index + 1}张照片${error ? '打不开' : '正在加载…'}`}</Text>
            )}
          </View>
        ))}
      </View>
      {error ? <ErrorState id='report-photos-error' message={error} /> : null}
    </Card>
  );
}

/** H5's blob: URLs hold the bytes until revoked. */
function revokeAll(srcs: string[]): void {
  if (isH5) srcs.filter((src) => src.startsWith('blob:')).forEach((src) => URL.revokeObjectURL(src));
}
